import ts from 'typescript';
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';
import type { RedisCall } from './redis-call.js';

/** A function that reads a JSON document from a key, parses it, and writes it back serialized. */
export interface JsonRoundTrip {
  /** The GET whose reply goes through `JSON.parse`. */
  read: RedisCall;
  /** The later SET/SETEX of the same key with a `JSON.stringify` value, in the same function. */
  write: RedisCall;
}

/** Where the value sits among a write's arguments. */
const VALUE_INDEX: Record<string, number> = { SET: 1, SETEX: 2, PSETEX: 2, SETNX: 1, GETSET: 1 };

/** Finds read-parse-…-stringify-write sequences on one key within one function, from the file's calls. */
export function findJsonRoundTrips(calls: readonly RedisCall[], callExpressions: readonly ts.CallExpression[], context: DetectionContext): JsonRoundTrip[] {
  const parsed = new Set<ts.Node>();
  for (const call of callExpressions) {
    if (!isJsonMethod(call, 'parse')) continue;
    const [argument] = call.arguments;
    if (!argument) continue;
    const value = withoutFallback(argument);
    parsed.add(value);
    if (ts.isIdentifier(value)) {
      const declaration = context.finder.find(value);
      if (declaration) parsed.add(declaration);
    }
  }
  const trips: JsonRoundTrip[] = [];
  const reads = calls.filter((call) => call.command === 'GET' && call.keys.length === 1 && call.context.fn && replyIsParsed(call, parsed));
  for (const write of calls) {
    const index = VALUE_INDEX[write.command];
    const value = index === undefined ? undefined : write.args[index];
    if (!value || write.keys.length !== 1 || !write.context.fn || !isStringified(value.node, context)) continue;
    const key = write.keys[0]!.signature;
    const read = reads.find((candidate) => candidate.context.fn === write.context.fn && candidate.keys[0]!.signature === key && candidate.node.getEnd() <= write.node.getStart());
    if (read) trips.push({ read, write });
  }
  return trips;
}

function replyIsParsed(call: RedisCall, parsed: ReadonlySet<ts.Node>): boolean {
  let node: ts.Node = call.node;
  if (parsed.has(node)) return true;
  while (node.parent && isTransparent(node.parent, node)) {
    node = node.parent;
    if (parsed.has(node)) return true;
  }
  const parent = node.parent;
  return !!parent && ts.isVariableDeclaration(parent) && parent.initializer === node && parsed.has(parent);
}

/** Wrappers that pass the reply through: `await`, parentheses, casts, `?? 'null'`. */
function isTransparent(parent: ts.Node, child: ts.Node): boolean {
  if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) return true;
  return ts.isBinaryExpression(parent) && parent.left === child && (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken);
}

function withoutFallback(expression: ts.Expression): ts.Expression {
  let node = skipOuter(expression);
  while (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) node = skipOuter(node.left);
  return node;
}

function isStringified(expression: ts.Expression, context: DetectionContext): boolean {
  const node = skipOuter(expression);
  if (ts.isCallExpression(node)) return isJsonMethod(node, 'stringify');
  if (!ts.isIdentifier(node)) return false;
  const declaration = context.finder.find(node);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const initializer = skipOuter(declaration.initializer);
  return ts.isCallExpression(initializer) && isJsonMethod(initializer, 'stringify');
}

function isJsonMethod(call: ts.CallExpression, name: 'parse' | 'stringify'): boolean {
  const callee = skipOuter(call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === name && ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON';
}
