import ts = require('typescript');
import { skipOuter } from './module-binding.js';
import { isWithin } from './node-range.js';

/** A loop whose body runs once per element or per turn: a statement loop or `forEach(async …)`. */
export interface LoopSite {
  /** The loop statement, or the async callback given to `forEach`. */
  node: ts.IterationStatement | ts.FunctionLikeDeclaration;
  kind: 'for' | 'for-of' | 'for-in' | 'for-await' | 'while' | 'do' | 'forEach';
  /**
   * Whether the loop goes on depends on a value it waited for: its condition awaits or reads an
   * awaited value (a SCAN cursor, a popped job), or a `break`/`return`/`throw` is guarded by one
   * (first match, lock retry), or it is a `for await` over a stream.
   */
  steeredByAwait: boolean;
  /** The body also waits for work that is not a Redis command (a sleep, an HTTP call, a pipeline's `exec()`, a `yield`). */
  awaitsOtherWork: boolean;
}

/** How a Redis call is waited for, as far as the order of round trips goes. */
export interface AwaitFlow {
  /** The call is the operand of `await` (through parentheses, `as` and `!`). */
  awaited: boolean;
  /** The nearest loop whose body holds the call, within the call's own function (or the `forEach` callback it is in). */
  loop: LoopSite | undefined;
  /** An argument, or a condition guarding the call inside the loop, reads a value an `await` in the loop produced. */
  usesAwaitedValue: boolean;
  /** The receiver is bound per turn (`for (const shard of shards) await shard.ping()`): one connection per turn, nothing to batch on. */
  receiverVariesPerTurn: boolean;
}

/**
 * Derives await facts from the syntax around a call. `isRedisCall` tells which awaited
 * expressions are Redis commands (the others count as other work). Results are cached per loop.
 */
export class AwaitFlowReader {
  private readonly loops = new Map<ts.Node, LoopFacts>();

  constructor(private readonly isRedisCall: (node: ts.Node) => boolean) {}

  flowOf(call: ts.CallExpression): AwaitFlow {
    const awaited = isAwaited(call);
    const loopNode = enclosingLoop(call);
    if (!loopNode) return { awaited, loop: undefined, usesAwaitedValue: false, receiverVariesPerTurn: false };
    const facts = this.factsOf(loopNode);
    const callee = skipOuter(call.expression);
    const receiverVariesPerTurn = ts.isPropertyAccessExpression(callee) && readsAny(callee.expression, facts.turnNames);
    return { awaited, loop: facts.site, usesAwaitedValue: usesAwaitedValue(call, facts), receiverVariesPerTurn };
  }

  private factsOf(node: ts.IterationStatement | ts.FunctionLikeDeclaration): LoopFacts {
    const cached = this.loops.get(node);
    if (cached) return cached;
    const facts = describeLoop(node, this.isRedisCall);
    this.loops.set(node, facts);
    return facts;
  }
}

interface LoopFacts {
  site: LoopSite;
  body: ts.Node;
  /** Names assigned, inside the body, from an expression that awaits or reads such a name. */
  awaitedNames: ReadonlySet<string>;
  /** Names bound anew on every turn: the loop variable, a `forEach` parameter, declarations in the body. */
  turnNames: ReadonlySet<string>;
}

function isAwaited(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (node.parent && (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isNonNullExpression(node.parent) || ts.isTypeAssertionExpression(node.parent))) {
    node = node.parent;
  }
  return !!node.parent && ts.isAwaitExpression(node.parent);
}

/** The loop whose body holds `node`, stopping at the enclosing function unless it is a `forEach(async …)` callback. */
function enclosingLoop(node: ts.Node): ts.IterationStatement | ts.FunctionLikeDeclaration | undefined {
  let child: ts.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (ts.isFunctionLike(current)) return isAsyncForEachCallback(current) ? (current as ts.FunctionLikeDeclaration) : undefined;
    if (isIterationStatement(current) && current.statement === child) return current;
  }
  return undefined;
}

function isIterationStatement(node: ts.Node): node is ts.IterationStatement {
  return ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

function isAsyncForEachCallback(fn: ts.Node): boolean {
  const parent = fn.parent;
  if (!parent || !ts.isCallExpression(parent) || parent.arguments[0] !== fn) return false;
  const callee = skipOuter(parent.expression);
  const isAsync = (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && !!fn.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
  return isAsync && ts.isPropertyAccessExpression(callee) && callee.name.text === 'forEach';
}

function loopKind(node: ts.IterationStatement | ts.FunctionLikeDeclaration): LoopSite['kind'] {
  if (ts.isForOfStatement(node)) return node.awaitModifier ? 'for-await' : 'for-of';
  if (ts.isForInStatement(node)) return 'for-in';
  if (ts.isForStatement(node)) return 'for';
  if (ts.isWhileStatement(node)) return 'while';
  if (ts.isDoStatement(node)) return 'do';
  return 'forEach';
}

function describeLoop(node: ts.IterationStatement | ts.FunctionLikeDeclaration, isRedisCall: (node: ts.Node) => boolean): LoopFacts {
  const kind = loopKind(node);
  const body: ts.Node = isIterationStatement(node) ? node.statement : ((node as ts.FunctionLikeDeclaration).body ?? node);
  const awaitedNames = new Set<string>();
  const writes: Array<{ names: string[]; value: ts.Node }> = [];
  const turnNames = new Set<string>(loopVariables(node));
  const exits: ts.Node[] = [];
  let awaitsOtherWork = false;

  const visit = (current: ts.Node, depth: number): void => {
    if (ts.isFunctionLike(current) || ts.isClassLike(current)) return;
    if (ts.isAwaitExpression(current) && !isRedisCall(skipOuter(current.expression))) awaitsOtherWork = true;
    if (ts.isYieldExpression(current)) awaitsOtherWork = true;
    if (ts.isVariableDeclaration(current)) namesOf(current.name).forEach((name) => turnNames.add(name));
    if (ts.isVariableDeclaration(current) && current.initializer) writes.push({ names: namesOf(current.name), value: current.initializer });
    if (ts.isBinaryExpression(current) && isAssignmentOperator(current.operatorToken.kind)) writes.push({ names: namesOf(current.left), value: current.right });
    // A `break` inside a nested loop belongs to that loop; `return`/`throw` leave every loop (a `forEach` callback's `return` only skips an element).
    if ((ts.isReturnStatement(current) && kind !== 'forEach') || ts.isThrowStatement(current) || (ts.isBreakStatement(current) && depth === 0 && !current.label)) exits.push(current);
    const nested = isIterationStatement(current) || ts.isSwitchStatement(current) ? depth + 1 : depth;
    ts.forEachChild(current, (child) => visit(child, nested));
  };
  visit(body, 0);
  // `const [next] = await redis.scan(cursor); cursor = next;`: values derived from a reply count too.
  for (let changed = true; changed; ) {
    changed = false;
    for (const write of writes) {
      if (write.names.every((name) => awaitedNames.has(name))) continue;
      if (!containsAwait(write.value) && !readsAny(write.value, awaitedNames)) continue;
      write.names.forEach((name) => awaitedNames.add(name));
      changed = true;
    }
  }

  let steeredByAwait = kind === 'for-await';
  const header = loopHeader(node);
  if (header.some((expression) => containsAwait(expression) || readsAny(expression, awaitedNames))) steeredByAwait = true;
  for (const exit of exits) {
    if (exitIsSteered(exit, body, awaitedNames)) steeredByAwait = true;
  }
  return { site: { node, kind, steeredByAwait, awaitsOtherWork }, body, awaitedNames, turnNames };
}

function loopVariables(node: ts.IterationStatement | ts.FunctionLikeDeclaration): string[] {
  if ((ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isForStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
    return node.initializer.declarations.flatMap((declaration) => namesOf(declaration.name));
  }
  if (ts.isFunctionLike(node)) return node.parameters.flatMap((parameter) => namesOf(parameter.name));
  return [];
}

/** The parts of a loop evaluated on every turn: the condition and the incrementor. */
function loopHeader(node: ts.IterationStatement | ts.FunctionLikeDeclaration): ts.Expression[] {
  if (ts.isWhileStatement(node) || ts.isDoStatement(node)) return [node.expression];
  if (ts.isForStatement(node)) return [node.condition, node.incrementor].filter((expression): expression is ts.Expression => expression !== undefined);
  return [];
}

/** An exit is steered unless every condition guarding it is known not to depend on a waited-for value; exits in `try`/`catch` follow a round trip's outcome. */
function exitIsSteered(exit: ts.Node, body: ts.Node, awaitedNames: ReadonlySet<string>): boolean {
  if (ts.isReturnStatement(exit) && exit.expression && (containsAwait(exit.expression) || readsAny(exit.expression, awaitedNames))) return true;
  let guarded = false;
  for (let current = exit.parent; current && current !== body.parent; current = current.parent) {
    if (ts.isTryStatement(current) || ts.isCatchClause(current)) return true;
    if (ts.isIfStatement(current) || ts.isConditionalExpression(current)) {
      guarded = true;
      const condition = ts.isIfStatement(current) ? current.expression : current.condition;
      if (containsAwait(condition) || readsAny(condition, awaitedNames)) return true;
    }
    if (ts.isCaseClause(current) && (containsAwait(current.expression) || readsAny(current.expression, awaitedNames))) return true;
  }
  // An unconditional exit means the body runs once: not a loop of round trips.
  return !guarded;
}

function usesAwaitedValue(call: ts.CallExpression, facts: LoopFacts): boolean {
  if (call.arguments.some((argument) => readsAny(argument, facts.awaitedNames))) return true;
  const callee = skipOuter(call.expression);
  if (ts.isPropertyAccessExpression(callee) && readsAny(callee.expression, facts.awaitedNames)) return true;
  for (let current = call.parent; current && current !== facts.body.parent; current = current.parent) {
    if (ts.isIfStatement(current) && !isWithin(call, current.expression)) {
      if (containsAwait(current.expression) || readsAny(current.expression, facts.awaitedNames)) return true;
    }
    if (ts.isConditionalExpression(current) && !isWithin(call, current.condition)) {
      if (containsAwait(current.condition) || readsAny(current.condition, facts.awaitedNames)) return true;
    }
    if (ts.isBinaryExpression(current) && isShortCircuit(current.operatorToken.kind) && isWithin(call, current.right)) {
      if (containsAwait(current.left) || readsAny(current.left, facts.awaitedNames)) return true;
    }
  }
  return false;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function containsAwait(node: ts.Node): boolean {
  let found = false;
  const visit = (current: ts.Node): void => {
    if (found || ts.isFunctionLike(current)) return;
    if (ts.isAwaitExpression(current)) found = true;
    else ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}

function readsAny(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  let found = false;
  const visit = (current: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(current) && names.has(current.text) && !isPropertyName(current)) found = true;
    else ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}

function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === identifier) || (ts.isPropertyAssignment(parent) && parent.name === identifier);
}

/** Names bound by a declaration name or written by an assignment target (`x`, `[a, b]`, `{ a }`, `this.x` → `x`). */
function namesOf(target: ts.Node): string[] {
  if (ts.isIdentifier(target)) return [target.text];
  if (ts.isPropertyAccessExpression(target)) return [target.name.text];
  if (ts.isObjectBindingPattern(target) || ts.isArrayBindingPattern(target)) {
    return target.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : namesOf(element.name)));
  }
  if (ts.isArrayLiteralExpression(target)) return target.elements.flatMap(namesOf);
  if (ts.isObjectLiteralExpression(target)) {
    return target.properties.flatMap((property) =>
      ts.isShorthandPropertyAssignment(property) ? [property.name.text] : ts.isPropertyAssignment(property) ? namesOf(property.initializer) : [],
    );
  }
  if (ts.isParenthesizedExpression(target)) return namesOf(target.expression);
  return [];
}
