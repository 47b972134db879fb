import ts = require('typescript');
import type { KeyPattern } from './key-pattern.js';
import type { Batch, RedisCall } from './redis-call.js';
import { bindingNames } from './binding-names.js';

/**
 * The keys of a command queued once per item of a list on a batch made outside that loop
 * (`keys.forEach((key) => pipeline.del(key))`, `multi(entries.map(([key, v]) => ['set', key, v]))`)
 * that change with the item: built from the loop's variable and not pinned to one slot by a literal
 * hash tag. One batch then holds as many keys as the list has items.
 */
export function perItemKeys(call: RedisCall, batch: Batch): KeyPattern[] {
  if (!call.context.inLoop) return [];
  const sameFunction = call.context.fn === batch.context.fn;
  if (sameFunction && batch.context.inLoop) return [];
  const names = itemNames(call, sameFunction ? undefined : call.context.fn);
  if (names.size === 0) return [];
  return call.keys.filter((key) => key.hashTag === undefined && key.parts.some((part) => part.kind === 'dynamic' && mentionsAny(part.expr, names)));
}

/** Names bound per item: the iteration callback's parameters and the variables of loops around the call in its function. */
function itemNames(call: RedisCall, callback: ts.SignatureDeclaration | undefined): Set<string> {
  const names = new Set<string>();
  if (callback) for (const parameter of callback.parameters) bindingNames(parameter.name, names);
  for (let node: ts.Node | undefined = call.node.parent; node && node !== call.context.fn; node = node.parent) {
    if ((ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isForStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
      for (const declaration of node.initializer.declarations) bindingNames(declaration.name, names);
    }
  }
  return names;
}


function mentionsAny(expression: string, names: ReadonlySet<string>): boolean {
  for (const word of expression.match(/[A-Za-z_$][\w$]*/g) ?? []) if (names.has(word)) return true;
  return false;
}
