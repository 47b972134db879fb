import ts = require('typescript');
import { skipOuter } from './module-binding.js';

/**
 * Whether a call sends one chunk of a list per loop turn (`unlink(...keys.slice(i, i + 1000))`,
 * `addBulk(jobs.splice(0, 500))`, `del(...batch)` over `chunk(keys, 500)`): each turn is already one
 * variadic command for many items, and the chunking bounds the size of each.
 */
export function sendsAChunk(call: ts.CallExpression): boolean {
  return call.arguments.some((argument) => isChunk(ts.isSpreadElement(argument) ? argument.expression : argument));
}

/** What a chunk's items may go through on their way to the command: `rooms.slice(i, i + 500).map((room) => room.id)`. */
const PER_ITEM = new Set(['map', 'filter', 'flat', 'flatMap']);

function isChunk(expression: ts.Expression): boolean {
  let node = skipOuter(expression);
  while (ts.isCallExpression(node)) {
    const callee = skipOuter(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    if (callee.name.text === 'slice' || callee.name.text === 'splice') return true;
    if (!PER_ITEM.has(callee.name.text)) return false;
    node = skipOuter(callee.expression);
  }
  return ts.isIdentifier(node) && chunkLoopOf(node) !== undefined;
}

/** The `for (const batch of chunk(keys, 500))` whose variable `name` is: a loop over chunks. */
function chunkLoopOf(name: ts.Identifier): ts.ForOfStatement | undefined {
  for (let current: ts.Node | undefined = name.parent; current && !ts.isFunctionLike(current); current = current.parent) {
    if (!ts.isForOfStatement(current) || !ts.isVariableDeclarationList(current.initializer)) continue;
    const declared = current.initializer.declarations.some((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === name.text);
    if (!declared) continue;
    const iterable = skipOuter(current.expression);
    const maker = ts.isCallExpression(iterable) ? skipOuter(iterable.expression) : undefined;
    const makerName = maker && (ts.isIdentifier(maker) ? maker.text : ts.isPropertyAccessExpression(maker) ? maker.name.text : undefined);
    return makerName !== undefined && /^(chunk|chunks|chunked|batch|batches|splitEvery)$/i.test(makerName) ? current : undefined;
  }
  return undefined;
}
