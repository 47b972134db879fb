import ts = require('typescript');
import type { CodeContext } from './client-site.js';
import type { DetectionContext } from './detection-context.js';
import { enclosingFunction } from './enclosing-function.js';
import type { HotPath } from './hot-path.js';
import { skipOuter } from './module-binding.js';
import type { RedisCall } from './redis-call.js';

/** A connection a run of code gets from a call and closes itself: the run owns it, so each run opens one. */
export interface OwnedConnection {
  /** The call that hands the connection over (`getRedisSubscriber()`). */
  source: ts.CallExpression;
  /** The callee as written, for messages. */
  callee: string;
  context: CodeContext;
}

/**
 * The connection `call` runs on, when code on a hot path or in a loop takes it from a call (an
 * accessor out of sight: `const sub = getRedisSubscriber()`) into a binding of its own function and
 * the same function later closes it (`sub.disconnect()` on the socket's close): nobody closes a
 * shared client per run, so every run has its own connection. A client built or duplicated in sight
 * is a construction site, judged there.
 */
export function ownedConnectionOf(call: RedisCall, context: DetectionContext, hotPathOf: (fn: ts.SignatureDeclaration) => HotPath | undefined): OwnedConnection | undefined {
  if (call.client.site || !ts.isPropertyAccessExpression(call.node.expression)) return undefined;
  const receiver = skipOuter(call.node.expression.expression);
  if (!ts.isIdentifier(receiver)) return undefined;
  const declaration = context.finder.find(receiver);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  const owner = enclosingFunction(declaration);
  const body = owner && 'body' in owner ? (owner as ts.FunctionLikeDeclaration).body : undefined;
  if (!body || !closesConnection(body, receiver.text)) return undefined;
  for (const source of sourcesOf(declaration, body)) {
    const fn = enclosingFunction(source);
    const hotPath = fn && hotPathOf(fn);
    const inLoop = isInLoop(source, fn);
    if (!hotPath && !inLoop) continue;
    return { source, callee: calleeText(source), context: { fn, inLoop, hotPath } };
  }
  return undefined;
}

/** Whether code in `body` closes the connection held in `name` (`sub.disconnect()`, `this.client?.quit()`). */
export function closesConnection(body: ts.Node, name: string): boolean {
  return new RegExp(`\\b${name.replace(/[.$]/g, '\\$&')}\\s*\\??\\.\\s*(quit|disconnect|close|destroy)\\s*\\(`).test(body.getText());
}

/** `subscribers.add(subscriber)`, `connections.push(client)`: each connection joins a collection of live ones, so the module expects many at once. */
export function tracksEachConnection(body: ts.Node, name: string): boolean {
  const visit = (node: ts.Node): boolean => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && COLLECTING.has(node.expression.name.text)) {
      const [only] = node.arguments;
      if (node.arguments.length === 1 && only && ts.isIdentifier(only) && only.text === name) return true;
    }
    return !ts.isFunctionLike(node) && (ts.forEachChild(node, visit) ?? false);
  };
  return ts.forEachChild(body, visit) ?? false;
}

const COLLECTING = new Set(['add', 'push', 'unshift']);

/** The calls the binding is given: its initializer and later `name = call()` in its function. */
function sourcesOf(declaration: ts.VariableDeclaration, body: ts.Node): ts.CallExpression[] {
  const name = (declaration.name as ts.Identifier).text;
  const found: ts.CallExpression[] = [];
  const take = (value: ts.Expression | undefined): void => {
    const node = value && skipOuter(value);
    if (node && ts.isCallExpression(node) && !isMethodOnCall(node)) found.push(node);
  };
  take(declaration.initializer);
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === name) take(node.right);
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/** `getRedis().duplicate()` and the like: a construction site, or a method of something else. */
function isMethodOnCall(node: ts.CallExpression): boolean {
  const callee = skipOuter(node.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isCallExpression(skipOuter(callee.expression));
}

function calleeText(node: ts.CallExpression): string {
  const callee = skipOuter(node.expression);
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText();
}

function isInLoop(node: ts.Node, fn: ts.SignatureDeclaration | undefined): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (ts.isForStatement(current) || ts.isForOfStatement(current) || ts.isForInStatement(current) || ts.isWhileStatement(current) || ts.isDoStatement(current)) return true;
  }
  return false;
}
