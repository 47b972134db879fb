import ts = require('typescript');
import { AwaitFlowReader, type AwaitFlow } from './await-flow.js';
import { boundCommandOf } from './bound-command.js';
import { calleeFunction, declaredMethod } from './callee-function.js';
import { commandForMethod } from './command-table.js';
import type { ClientRef, CodeContext } from './client-site.js';
import type { DetectionContext } from './detection-context.js';
import { helperNameOf } from './helper-calls.js';
import { jobQueueCallOf } from './job-queue.js';
import { skipOuter } from './module-binding.js';
import type { RedisCall } from './redis-call.js';

/** The Redis round trip a call waits for at the bottom: a command, or a job added to a Bull queue. */
export interface RoundTrip {
  /** The command (`SREM`), or the queue method (`add`, `queue`, `getJobCounts`). */
  name: string;
  /** `job-add`: a job added to a queue; `job-read`: a count or a job read from one. */
  kind: 'command' | 'job-add' | 'job-read';
  /** The command's call, for a command. */
  call: RedisCall | undefined;
  /** Where it is sent: the command or the queue call. */
  node: ts.CallExpression;
  /** The function it is sent in, when named. */
  helper: string | undefined;
}

/** An awaited call in a loop that waits for one round trip: the application's own function, or a job queue. */
export interface WrapperCall {
  node: ts.CallExpression;
  /** The callee as written, for messages: `getJobStatus`, `this.jobRepository.queue`. */
  callee: string;
  roundTrip: RoundTrip;
  flow: AwaitFlow;
}

/**
 * A function, or a `const` bound to a client's command (`const hMget = promisify(client.hmget).bind(client)`),
 * that a call can wait for a round trip through.
 */
export type Wrapper = ts.SignatureDeclaration | ts.VariableDeclaration;

/** The round trip a call of a wrapper of another file waits for (the project index answers it). */
export type ForeignRoundTrips = (wrapper: Wrapper) => RoundTrip | undefined;

export const NO_FOREIGN_ROUND_TRIPS: ForeignRoundTrips = () => undefined;

/**
 * Function summaries for round trips: a function that awaits or returns a Redis command (or a job
 * queue call) outside loops of its own costs its caller one round trip per call, whatever its key;
 * so does a function that awaits such a function. A command sent once per item of the helper's own
 * loop is the helper's problem, reported there.
 */
export class RoundTripWrappers {
  private readonly byNode = new Map<ts.Node, RedisCall>();
  private readonly waitedIn = new Map<ts.SignatureDeclaration, ts.CallExpression[]>();
  private readonly summaries = new WeakMap<ForeignRoundTrips, Map<Wrapper, RoundTrip | null>>();

  constructor(
    calls: readonly RedisCall[],
    private readonly candidates: ReadonlyArray<ts.CallExpression | ts.NewExpression>,
    private readonly contextOf: (node: ts.Node) => CodeContext,
    private readonly clientOf: (expression: ts.Expression) => ClientRef | undefined,
    private readonly context: DetectionContext,
  ) {
    for (const call of calls) if (!call.batch) this.byNode.set(call.node, call);
    for (const candidate of candidates) {
      if (!ts.isCallExpression(candidate)) continue;
      const { fn, inLoop } = contextOf(candidate);
      if (!fn || inLoop || isPromiseAll(candidate) || !isWaited(candidate)) continue;
      const list = this.waitedIn.get(fn);
      if (list) list.push(candidate);
      else this.waitedIn.set(fn, [candidate]);
    }
  }

  /**
   * The round trip a call of a wrapper of this file waits for first. A function that first waits
   * for other work (a database fetch, an HTTP call) puts its callers' loops on that work, not on Redis.
   */
  roundTripOf(wrapper: Wrapper, foreign: ForeignRoundTrips): RoundTrip | undefined {
    let memo = this.summaries.get(foreign);
    if (!memo) this.summaries.set(foreign, (memo = new Map()));
    const known = memo.get(wrapper);
    if (known !== undefined) return known ?? undefined;
    memo.set(wrapper, null);
    let found: RoundTrip | undefined;
    if (ts.isVariableDeclaration(wrapper)) {
      found = this.boundCommandAt(wrapper);
    } else {
      const first = this.waitedIn.get(wrapper)?.[0];
      found = first && this.roundTripAt(first, foreign, false);
    }
    memo.set(wrapper, found ?? null);
    return found;
  }

  /** `const hMget = promisify(client.hmget).bind(client)`, exported for other modules to call. */
  private boundCommandAt(declaration: ts.VariableDeclaration): RoundTrip | undefined {
    const initializer = declaration.initializer && skipOuter(declaration.initializer);
    if (!ts.isIdentifier(declaration.name) || !initializer || !ts.isCallExpression(initializer)) return undefined;
    const bound = boundCommandOf(declaration.name, this.context);
    const command = bound && commandForMethod(bound.method);
    if (!bound || !command || !this.clientOf(bound.receiver)) return undefined;
    return { name: command, kind: 'command', call: undefined, node: initializer, helper: declaration.name.text };
  }

  /** Awaited calls in loops that wait for a round trip through a wrapper, with their await flow. */
  callsIn(foreign: ForeignRoundTrips): WrapperCall[] {
    const found: Array<Omit<WrapperCall, 'flow'>> = [];
    for (const candidate of this.candidates) {
      if (!ts.isCallExpression(candidate) || this.byNode.has(candidate) || !this.contextOf(candidate).inLoop || !isAwaited(candidate)) continue;
      const roundTrip = this.roundTripAt(candidate, foreign, true);
      if (roundTrip) found.push({ node: candidate, callee: skipOuter(candidate.expression).getText(this.context.sourceFile), roundTrip });
    }
    if (found.length === 0) return [];
    const waited = new Set<ts.Node>([...this.byNode.keys(), ...found.map((call) => call.node)]);
    const reader = new AwaitFlowReader((node) => waited.has(node));
    return found.map((call) => ({ ...call, flow: reader.flowOf(call.node) }));
  }

  /** `typed`: may ask the checker for a method's declaration (only at the few calls awaited in loops). */
  private roundTripAt(call: ts.CallExpression, foreign: ForeignRoundTrips, typed: boolean): RoundTrip | undefined {
    const command = this.byNode.get(call);
    if (command) {
      const sent = command.through ?? command;
      const fn = sent.context.fn;
      return { name: command.command, kind: 'command', call: command, node: sent.node, helper: fn && helperNameOf(fn) };
    }
    const job = jobQueueCallOf(call, this.context);
    if (job) {
      const fn = this.contextOf(call).fn;
      return { name: job.method, kind: job.adds ? 'job-add' : 'job-read', call: undefined, node: call, helper: fn && helperNameOf(fn) };
    }
    const callee = skipOuter(call.expression);
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
    const imported = ts.isIdentifier(callee) ? this.context.finder.find(callee) : undefined;
    // A command bound in this file is read as the command itself (`CallReader`); one bound in another module, here.
    if (imported && ts.isVariableDeclaration(imported) && imported.getSourceFile() !== this.context.sourceFile && imported.initializer) {
      const initializer = skipOuter(imported.initializer);
      if (ts.isCallExpression(initializer)) return foreign(imported);
    }
    const fn = calleeFunction(callee, this.context) ?? (typed && ts.isPropertyAccessExpression(callee) ? declaredMethod(callee, this.context) : undefined);
    if (!fn || fn.getSourceFile().isDeclarationFile) return undefined;
    return fn.getSourceFile() === this.context.sourceFile ? this.roundTripOf(fn, foreign) : foreign(fn);
  }
}

/** The operand of `await`, through parentheses and type assertions. */
function isAwaited(call: ts.CallExpression): boolean {
  const parent = outerOf(call).parent;
  return parent !== undefined && ts.isAwaitExpression(parent);
}

/**
 * Whether the enclosing function waits for the call before it returns, or hands the promise to its
 * caller: `await x()`, `return x()`, `=> x()`, or an element of an awaited or returned `Promise.all([…])`.
 */
function isWaited(call: ts.CallExpression): boolean {
  let node = outerOf(call);
  const parent = node.parent;
  if (parent && ts.isArrayLiteralExpression(parent) && parent.parent && ts.isCallExpression(parent.parent) && isPromiseAll(parent.parent)) node = outerOf(parent.parent);
  const holder = node.parent;
  if (!holder) return false;
  return ts.isAwaitExpression(holder) || ts.isReturnStatement(holder) || (ts.isArrowFunction(holder) && holder.body === node);
}

function isPromiseAll(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && (callee.name.text === 'all' || callee.name.text === 'allSettled');
}

function outerOf(node: ts.Expression): ts.Expression {
  let current = node;
  while (current.parent && (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent) || ts.isNonNullExpression(current.parent) || ts.isTypeAssertionExpression(current.parent))) {
    current = current.parent;
  }
  return current;
}
