import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';
import type { RedisCall } from './redis-call.js';

/** A function that reads a JSON document from a key, parses it, changes it and writes it back serialized. */
export interface JsonRoundTrip {
  /** The GET whose reply goes through `JSON.parse`. */
  read: RedisCall;
  /** The later SET/SETEX of the same key whose `JSON.stringify` value is built from the parsed document. */
  write: RedisCall;
}

/** Where the value sits among a write's arguments. */
const VALUE_INDEX: Record<string, number> = { SET: 1, SETEX: 2, PSETEX: 2, SETNX: 1, GETSET: 1 };

interface ParseSite {
  call: ts.CallExpression;
  /** What the parse reads: the reply expression itself, or the declaration of the variable holding it. */
  source: ts.Node;
  /** The variable the parsed document is kept in. */
  document: ts.Node | undefined;
}

/** Finds get-parse-modify-stringify-set sequences on one key within one function, from the file's calls. */
export function findJsonRoundTrips(calls: readonly RedisCall[], callExpressions: readonly ts.CallExpression[], context: DetectionContext): JsonRoundTrip[] {
  const parses: ParseSite[] = [];
  for (const call of callExpressions) {
    if (!isJsonMethod(call, 'parse') || !call.arguments[0]) continue;
    const value = withoutFallback(call.arguments[0]);
    const source = ts.isIdentifier(value) ? context.finder.find(value) : value;
    if (source) parses.push({ call, source, document: documentOf(call) });
  }
  if (parses.length === 0) return [];
  const trips: JsonRoundTrip[] = [];
  const reads = calls.flatMap((call) => {
    if (call.command !== 'GET' || call.keys.length !== 1 || !call.context.fn) return [];
    const documents = parsesOfReply(call, parses).flatMap((parse) => (parse.document ? [parse.document] : []));
    return documents.length > 0 ? [{ call, documents }] : [];
  });
  for (const write of calls) {
    const index = VALUE_INDEX[write.command];
    const value = index === undefined ? undefined : write.args[index];
    if (!value || write.keys.length !== 1 || !write.context.fn) continue;
    const serialized = stringifiedValue(value.node, context);
    if (!serialized) continue;
    const key = write.keys[0]!.signature;
    const read = reads.find(
      (candidate) =>
        candidate.call.context.fn === write.context.fn &&
        candidate.call.keys[0]!.signature === key &&
        candidate.call.node.getEnd() <= write.node.getStart() &&
        candidate.documents.some((document) => references(serialized, document, context)),
    );
    if (read) trips.push({ read: read.call, write });
  }
  return trips;
}

/** The parses that read this reply, directly (`JSON.parse(await redis.get(k))`) or through a variable. */
function parsesOfReply(call: RedisCall, parses: readonly ParseSite[]): ParseSite[] {
  let node: ts.Node = call.node;
  const found = parses.filter((parse) => parse.source === node);
  while (node.parent && isTransparent(node.parent, node)) {
    node = node.parent;
    found.push(...parses.filter((parse) => parse.source === node));
  }
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && parent.initializer === node) found.push(...parses.filter((parse) => parse.source === parent));
  return found;
}

/** The variable declaration the parsed value is stored in: `const cart = JSON.parse(raw) as Cart`. */
function documentOf(parse: ts.CallExpression): ts.Node | undefined {
  let node: ts.Node = parse;
  while (node.parent && isTransparent(node.parent, node)) node = node.parent;
  const parent = node.parent;
  return parent && ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name) ? parent : undefined;
}

/** Whether an expression mentions the variable declared by `declaration`, also through local `const`s built from it. */
function references(expression: ts.Node, declaration: ts.Node, context: DetectionContext, depth = 0): boolean {
  if (ts.isIdentifier(expression)) {
    const found = context.finder.find(expression);
    if (found === declaration) return true;
    // `const updated = doc.items.filter(…)`: a value derived from the document.
    return !!found && depth < 2 && ts.isVariableDeclaration(found) && !!found.initializer && isConst(found) && references(found.initializer, declaration, context, depth + 1);
  }
  return ts.forEachChild(expression, (child) => (references(child, declaration, context, depth) ? true : undefined)) ?? false;
}

function isConst(declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** Wrappers that pass a value through: `await`, parentheses, casts, `?? 'null'`. */
function isTransparent(parent: ts.Node, child: ts.Node): boolean {
  if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) return true;
  return ts.isBinaryExpression(parent) && parent.left === child && (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken);
}

function withoutFallback(expression: ts.Expression): ts.Expression {
  let node = skipOuter(expression);
  while (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) node = skipOuter(node.left);
  return node;
}

/** The argument of the `JSON.stringify` that produced a written value, inline or through a local `const`. */
function stringifiedValue(expression: ts.Expression, context: DetectionContext): ts.Expression | undefined {
  let node = skipOuter(expression);
  if (ts.isIdentifier(node)) {
    const declaration = context.finder.find(node);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    node = skipOuter(declaration.initializer);
  }
  return ts.isCallExpression(node) && isJsonMethod(node, 'stringify') ? node.arguments[0] : undefined;
}

function isJsonMethod(call: ts.CallExpression, name: 'parse' | 'stringify'): boolean {
  const callee = skipOuter(call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === name && ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON';
}
