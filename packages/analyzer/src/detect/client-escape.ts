import ts = require('typescript');
import type { ClientSite } from './client-site.js';

/**
 * The client leaves the function that builds it: `return new Redis()`, or the binding it is
 * stored in appears in a returned expression (`return client`, `.then(() => client)`,
 * `return wrap(raw)`). Its caller, often in another module, then owns its events.
 */
export function escapesItsFunction(site: ClientSite): boolean {
  if (site.storage === 'returned') return true;
  const name = site.storedAs;
  const fn = site.context.fn;
  if (!name || !fn || !('body' in fn) || !fn.body || name.includes('.')) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isReturnStatement(node) && node.expression) found = mentions(node.expression, name);
    else if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) found = mentions(node.body, name);
    if (!found) ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** `name` is handed on as a value (`client`, `wrap(client)`, `{ client }`), not only used (`client.ping()`). */
function mentions(expression: ts.Node, name: string): boolean {
  if (ts.isIdentifier(expression)) return expression.text === name && !(ts.isPropertyAccessExpression(expression.parent) && expression.parent.expression === expression);
  let found = false;
  ts.forEachChild(expression, (child) => {
    if (!found && !ts.isFunctionLike(child)) found = mentions(child, name);
    else if (!found && ts.isArrowFunction(child) && !ts.isBlock(child.body)) found = mentions(child.body, name);
  });
  return found;
}
