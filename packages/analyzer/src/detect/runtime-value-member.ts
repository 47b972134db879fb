import ts = require('typescript');
import { requireBinding, skipOuter } from './module-binding.js';
import type { DeclarationFinder } from './scope.js';

/**
 * `msg.messageId`, `req.headers.host`, `(await load()).css`: a member of a value made at run time (a
 * parameter, a loop or catch variable, the result of a call other than `require`/`import()`), which no
 * module exports. Asking the checker for such a member's symbol type-checks the object first, down
 * to the return types of the functions it came from: in a plain-JavaScript program that was a third
 * of the analysis, for members that are never a client another module exports.
 */
export function isRuntimeValueMember(node: ts.PropertyAccessExpression, lexical: DeclarationFinder): boolean {
  let root: ts.Expression = skipOuter(node.expression);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = skipOuter(root.expression);
  if (ts.isCallExpression(root)) return !requireBinding(root) && !isModuleRequire(root);
  if (!ts.isIdentifier(root)) return false;
  const declaration = lexical.find(root);
  if (!declaration) return false;
  if (ts.isParameter(declaration)) return true;
  const variable = ts.isBindingElement(declaration) ? ts.walkUpBindingElementsAndPatterns(declaration) : declaration;
  if (ts.isParameter(variable)) return true;
  if (!ts.isVariableDeclaration(variable)) return false;
  const list = variable.parent;
  if (ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent))) return true;
  if (ts.isCatchClause(variable.parent)) return true;
  const initializer = variable.initializer && skipOuter(variable.initializer);
  return initializer !== undefined && ts.isCallExpression(initializer) && !requireBinding(initializer) && !isModuleRequire(initializer);
}

/** `module.parent.require('./database')`, `createRequire(...)('./x')`: a module's exports all the same. */
function isModuleRequire(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  return (ts.isPropertyAccessExpression(callee) && callee.name.text === 'require') || ts.isCallExpression(callee);
}
