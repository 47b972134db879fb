import ts = require('typescript');
import type { ClientSite } from './client-site.js';

/**
 * The client leaves the function that builds it: `return new Redis()`, or the binding it is
 * stored in appears in a returned expression (`return client`, `.then(() => client)`,
 * `return wrap(raw)`). Its caller, often in another module, then owns its events. Lent to a callback
 * parameter (`return operation(client)`), it stays with the function that built it.
 */
export function escapesItsFunction(site: ClientSite): boolean {
  if (site.storage === 'returned') return true;
  const name = site.storedAs;
  const fn = site.context.fn;
  if (!name || !fn || !('body' in fn) || !fn.body || name.includes('.')) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isReturnStatement(node) && node.expression) found = mentions(node.expression, name, fn);
    else if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) found = mentions(node.body, name, fn);
    if (!found) ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** `name` is handed on as a value (`client`, `wrap(client)`, `{ client }`), not only used (`client.ping()`). */
function mentions(expression: ts.Node, name: string, fn: ts.SignatureDeclaration): boolean {
  if (ts.isIdentifier(expression)) return expression.text === name && !(ts.isPropertyAccessExpression(expression.parent) && expression.parent.expression === expression);
  let found = false;
  const lent = lentArguments(expression, fn);
  ts.forEachChild(expression, (child) => {
    if (found || lent.has(child)) return;
    if (!ts.isFunctionLike(child)) found = mentions(child, name, fn);
    else if (ts.isArrowFunction(child) && !ts.isBlock(child.body)) found = mentions(child.body, name, fn);
  });
  return found;
}

/** `return operation(client)` with `operation` a parameter: the caller's callback borrows the client for the call, and its result is what returns. */
function lentArguments(expression: ts.Node, fn: ts.SignatureDeclaration): ReadonlySet<ts.Node> {
  if (!ts.isCallExpression(expression) || !ts.isIdentifier(expression.expression)) return NONE;
  const callee = expression.expression.text;
  if (!fn.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === callee)) return NONE;
  return new Set(expression.arguments.filter(ts.isIdentifier));
}

const NONE: ReadonlySet<ts.Node> = new Set();
