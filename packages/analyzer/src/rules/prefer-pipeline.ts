import ts = require('typescript');
import type { AwaitFlow, LoopSite } from '../detect/await-flow.js';
import { sendsAChunk } from '../detect/chunked-call.js';
import { commandHasFlag } from '../detect/command-table.js';
import type { RedisCall } from '../detect/redis-call.js';
import type { RoundTrip } from '../detect/round-trip-wrappers.js';
import { relatedLocation } from '../engine/related-location.js';
import type { RelatedLocation } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { callRange } from '../fix/call-range.js';
import { skipOuter } from '../detect/module-binding.js';
import { keyUsesOf } from '../engine/finding-key.js';
import { isWithin } from '../detect/node-range.js';

type MessageIds = 'awaitedInLoop' | 'asyncForEach' | 'wrapperAwaitedInLoop' | 'jobAddedInLoop';
interface Options {
  ignoreTestFiles: boolean;
}

/** Commands whose next call needs this one's reply, or that hold the connection: never batched. */
const SEQUENTIAL = new Set([
  'SCAN', 'SSCAN', 'HSCAN', 'ZSCAN', 'WATCH', 'UNWATCH', 'MULTI', 'EXEC', 'DISCARD', 'SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'UNSUBSCRIBE',
  'PUNSUBSCRIBE', 'SUNSUBSCRIBE', 'MONITOR', 'QUIT', 'RESET', 'SELECT', 'AUTH', 'HELLO', 'CLIENT', 'WAIT', 'WAITAOF', 'XREAD', 'XREADGROUP',
]);
/** Reads with a multi-key form that replaces the loop outright. */
const MULTI_KEY_FORM: Record<string, string> = { GET: 'MGET', EXISTS: 'EXISTS with several keys', DEL: 'DEL with several keys', UNLINK: 'UNLINK with several keys' };

export default defineRule<MessageIds, Options>({
  id: 'prefer-pipeline',
  meta: {
    description: 'Prefer one pipeline (or a multi-key command) over awaiting one Redis round trip per loop iteration.',
    recommended: false,
    strict: true,
    messages: {
      awaitedInLoop: '{{command}} is awaited once per iteration of this {{loop}}, so N items cost N network round trips one after another; {{remedy}}.',
      asyncForEach: 'forEach(async …) sends one {{command}} per element and nothing waits for them, so their errors go unhandled and each is a command of its own; {{remedy}}, and await the result.',
      wrapperAwaitedInLoop: '`{{callee}}` waits for {{roundTrip}} and is awaited once per iteration of this {{loop}}, so N items cost N network round trips one after another; start the calls together and await them with Promise.all, or give the helper a batched form (a pipeline, MGET, addBulk).',
      jobAddedInLoop: '`{{callee}}` adds one job to a Bull queue (a Redis round trip) and is awaited once per iteration of this {{loop}}, so N jobs cost N round trips one after another; add them with one addBulk, or start them together and await them with Promise.all.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: false,
  },
  create(context) {
    const reported = new Set<LoopSite['node']>();
    return {
      onRedisCall(call) {
        if (call.batch || holdsTheConnection(call.command)) return;
        const loop = independentLoopOf(context.model.awaitFlowOf(call), call.node);
        if (!loop || reported.has(loop.node)) return;
        reported.add(loop.node);
        context.report({ range: callRange(call), messageId: loop.kind === 'forEach' ? 'asyncForEach' : 'awaitedInLoop', data: { command: call.command, loop: loopName(loop), remedy: remedy(call) }, keys: keyUsesOf(call) });
      },
      onWrapperCall(call) {
        const { roundTrip } = call;
        if (roundTrip.kind === 'command' && holdsTheConnection(roundTrip.name)) return;
        const direct = roundTrip.node === call.node;
        const loop = independentLoopOf(call.flow, call.node);
        if (!loop || loop.kind === 'forEach' || reported.has(loop.node)) return;
        reported.add(loop.node);
        const callee = skipOuter(call.node.expression);
        const start = ts.isPropertyAccessExpression(callee) ? callee.name.getStart() : callee.getStart();
        const what = roundTrip.kind === 'command' ? `a Redis ${roundTrip.name}` : `a Bull queue ${roundTrip.name}()`;
        const data = { callee: call.callee, roundTrip: what, loop: loopName(loop) };
        const messageId = direct && roundTrip.kind === 'job-add' ? 'jobAddedInLoop' : 'wrapperAwaitedInLoop';
        context.report({ range: [start, call.node.getEnd()], messageId, data, ...(direct ? {} : { related: [relatedOf(roundTrip)] }) });
      },
    };
  },
});

function holdsTheConnection(command: string): boolean {
  return SEQUENTIAL.has(command) || commandHasFlag(command, 'blocking');
}

/** The loop a call is awaited in once per turn, when nothing ties one turn to the reply of the one before. */
function independentLoopOf(flow: AwaitFlow, node: ts.CallExpression): LoopSite | undefined {
  const loop = flow.loop;
  if (!flow.awaited || !loop || loop.steeredByAwait || loop.awaitsOtherWork || flow.usesAwaitedValue || flow.receiverVariesPerTurn) return undefined;
  if (isWorkerLoop(loop.node) || leavesLoopAfter(node, loop.node)) return undefined;
  // One variadic command per chunk of a list already batches the items; a pipeline of chunks would save little.
  return sendsAChunk(node) ? undefined : loop;
}

/** A flag a worker's loop runs on: `running`, `this.isActive`, `!this.stopped`, `!signal.aborted`. */
const RUN_FLAG = /^(is)?(running|active|alive|polling|listening|started|consuming|working|enabled|open)$|stop|clos|shut|abort|cancel|exit|quit/i;

/**
 * A loop with no end of its own (`while (true)`, `for (;;)`, `while (this.running)`): a worker's or
 * poller's, one turn per piece of work as it comes, not one per item of a list a pipeline could hold.
 */
function isWorkerLoop(loop: LoopSite['node']): boolean {
  if (ts.isForStatement(loop)) return loop.condition === undefined;
  if (!ts.isWhileStatement(loop) && !ts.isDoStatement(loop)) return false;
  let condition = skipOuter(loop.expression);
  if (ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken) condition = skipOuter(condition.operand);
  if (condition.kind === ts.SyntaxKind.TrueKeyword || (ts.isNumericLiteral(condition) && Number(condition.text) !== 0)) return true;
  const name = ts.isIdentifier(condition) ? condition.text : ts.isPropertyAccessExpression(condition) ? condition.name.text : undefined;
  return name !== undefined && RUN_FLAG.test(name);
}

/**
 * `await redis.del(key); break;`: the block that sends the command leaves the loop right after it
 * (`break`, `return`, `throw`), so the command runs once at most, whatever the loop goes over.
 */
function leavesLoopAfter(node: ts.Node, loop: LoopSite['node']): boolean {
  let statement: ts.Node = node;
  while (statement.parent && statement.parent !== loop && !ts.isBlock(statement.parent)) {
    if (ts.isFunctionLike(statement.parent)) return false;
    statement = statement.parent;
  }
  const block = statement.parent;
  if (!block || !ts.isBlock(block) || !isWithin(block, loop)) return false;
  return block.statements.slice(block.statements.indexOf(statement as ts.Statement) + 1).some(
    (next) => ts.isReturnStatement(next) || ts.isThrowStatement(next) || (ts.isBreakStatement(next) && !next.label && breakTarget(next) === loop),
  );
}

/** The loop or switch an unlabeled `break` leaves. */
function breakTarget(statement: ts.BreakStatement): ts.Node | undefined {
  for (let current = statement.parent; current; current = current.parent) {
    if (ts.isIterationStatement(current, false) || ts.isSwitchStatement(current)) return current;
    if (ts.isFunctionLike(current)) return undefined;
  }
  return undefined;
}

function relatedOf(roundTrip: RoundTrip): RelatedLocation {
  const what = roundTrip.kind === 'command' ? `${roundTrip.name} is sent here` : `The queue's ${roundTrip.name}() is called here`;
  return relatedLocation(roundTrip.node.getSourceFile(), roundTrip.node.getStart(), roundTrip.node.getEnd(), `${what}${roundTrip.helper ? `, in \`${roundTrip.helper}\`` : ''}`);
}

function loopName(loop: LoopSite): string {
  switch (loop.kind) {
    case 'for-of':
      return 'for…of loop';
    case 'for-in':
      return 'for…in loop';
    case 'while':
    case 'do':
      return 'while loop';
    case 'forEach':
      return 'forEach callback';
    default:
      return 'for loop';
  }
}

function remedy(call: RedisCall): string {
  const multiKey = MULTI_KEY_FORM[call.command];
  const prefix = multiKey ? `send one ${multiKey}, or ` : '';
  // node-redis 4+ writes the commands started in one tick as one pipeline; ioredis only with enableAutoPipelining (REDIS-CLIENTS.md).
  if (call.client.library === 'node-redis') return `${prefix}start every command first and await them together with Promise.all (node-redis pipelines commands sent in the same tick), or use multi()`;
  if (call.client.library === 'upstash') return `${prefix}queue them on one redis.pipeline() and exec() it once (one HTTP request)`;
  // GLIDE 2.5.2: a non-atomic batch is a pipeline, sent with client.exec(batch, raiseOnError).
  if (call.client.library === 'valkey-glide') return `${prefix}queue them on one ${call.client.cluster ? 'new ClusterBatch(false)' : 'new Batch(false)'} and send it once with exec()`;
  return `${prefix}queue them on one pipeline() and exec() it once`;
}
