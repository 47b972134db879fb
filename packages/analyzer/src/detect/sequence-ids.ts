import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import type { KeyPattern } from './key-pattern.js';
import { dynamicNames, namesIn } from './key-words.js';
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

/**
 * A record keyed by an id an INCR sequence just handed out (`user:${await redis.incr('next:user')}`),
 * or an index that points at one (`set(\`username.to.id:${name}\`, id)`): the application's own rows,
 * made to stay, as in a database table.
 */
export function isSequenceRecord(key: KeyPattern, write: RedisCall, sequenceIds: ReadonlyMap<ts.SignatureDeclaration | undefined, ReadonlySet<string>>, context: DetectionContext): boolean {
  const names = sequenceIds.get(write.context.fn);
  if (names === undefined) return false;
  if (dynamicNames(key).some((name) => names.has(name))) return true;
  const value = write.command === 'SET' ? write.args[1] && skipOuter(write.args[1].node) : undefined;
  if (value && ts.isIdentifier(value) && names.has(value.text)) return true;
  // `var key = 'user:' + String(id)`: a binding the key resolver does not read through (not a `const`).
  const node = skipOuter(key.node);
  const declaration = ts.isIdentifier(node) ? context.finder.local(node) : undefined;
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && namesIn(declaration.initializer.getText()).some((name) => names.has(name));
}
