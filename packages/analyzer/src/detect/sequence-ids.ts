import ts = require('typescript');
import { skipOuter } from './module-binding.js';
import type { RedisCall } from './redis-call.js';

const SEQUENCES = new Set(['INCR', 'INCRBY']);

/**
 * The names a function binds to what an INCR returned (`const id = await redis.incr('next:user:id')`,
 * `var replyIdx = await incrAsync('idx-user')`): ids a sequence hands out for new records, by function.
 */
export function sequenceIdNames(calls: readonly RedisCall[]): Map<ts.SignatureDeclaration | undefined, Set<string>> {
  const names = new Map<ts.SignatureDeclaration | undefined, Set<string>>();
  for (const call of calls) {
    if (!SEQUENCES.has(call.command)) continue;
    let node: ts.Node = call.node;
    while (node.parent && (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent))) node = node.parent;
    const holder = node.parent;
    if (!holder || !ts.isVariableDeclaration(holder) || skipOuter(holder.initializer!) !== skipOuter(node as ts.Expression) || !ts.isIdentifier(holder.name)) continue;
    let set = names.get(call.context.fn);
    if (!set) names.set(call.context.fn, (set = new Set()));
    set.add(holder.name.text);
  }
  return names;
}
