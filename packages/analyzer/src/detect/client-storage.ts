import ts = require('typescript');
import { alwaysExits } from './exclusive-paths.js';
import type { Storage } from './client-site.js';
import { enclosingFunction } from './enclosing-function.js';

/**
 * How a constructed client is kept, read from where the construction stands: a module binding or
 * class field (`module`), a guarded assignment or a cache (`memoized`), a return value (`returned`),
 * or a local binding or bare use (`local`).
 */
export function storageOf(construction: ts.Node): { storage: Storage; storedAs: string | undefined } {
  let node: ts.Node = construction;
  // Climb through `await`, parentheses, casts, a conditional's arms, node-redis `.connect()` and listener chains (`.on('error', …)` returns the client).
  for (;;) {
    const parent = node.parent;
    if (!parent) break;
    if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) || ts.isSatisfiesExpression(parent)) {
      node = parent;
      continue;
    }
    // `url ? new Redis(url) : new Redis(options)`: either arm is kept where the choice is.
    if (ts.isConditionalExpression(parent) && parent.condition !== node) {
      node = parent;
      continue;
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node && CHAINED.has(parent.name.text) && parent.parent && ts.isCallExpression(parent.parent)) {
      node = parent.parent;
      continue;
    }
    break;
  }
  const parent = node.parent;
  if (!parent) return { storage: 'local', storedAs: undefined };

  if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
    const name = ts.isIdentifier(parent.name) ? parent.name.text : undefined;
    const fn = enclosingFunction(parent);
    if (!fn) return { storage: 'module', storedAs: name };
    return { storage: name && keptInCache(fn, name) ? 'memoized' : 'local', storedAs: name };
  }
  if (ts.isPropertyDeclaration(parent)) return { storage: 'module', storedAs: `this.${parent.name.getText()}` };
  if (ts.isBinaryExpression(parent) && parent.right === node) {
    const target = parent.left.getText();
    const operator = parent.operatorToken.kind;
    if (operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken) return { storage: 'memoized', storedAs: target };
    if (operator === ts.SyntaxKind.EqualsToken) {
      const fn = enclosingFunction(parent);
      if (!fn || ts.isConstructorDeclaration(fn)) return { storage: 'module', storedAs: target };
      if (isGuarded(parent, target)) return { storage: 'memoized', storedAs: target };
      if (ts.isElementAccessExpression(parent.left)) return { storage: 'memoized', storedAs: target };
      if (ts.isIdentifier(parent.left) && keptInCache(fn, parent.left.text)) return { storage: 'memoized', storedAs: target };
      return { storage: 'local', storedAs: target };
    }
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && parent.right === node) {
    return { storage: 'memoized', storedAs: parent.left.getText() };
  }
  if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node)) return { storage: 'returned', storedAs: undefined };
  if (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) return { storage: 'memoized', storedAs: undefined };
  if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
    const callee = parent.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'set') return { storage: 'memoized', storedAs: undefined };
  }
  return { storage: 'local', storedAs: undefined };
}

/**
 * A local the function then files in a cache that outlives the call: `clients[url] = client`,
 * `pool.set(url, client)`. The next call finds it there (`if (clients[url]) return clients[url]`).
 */
function keptInCache(fn: ts.Node, name: string): boolean {
  let kept = false;
  const isName = (node: ts.Expression): boolean => ts.isIdentifier(node) && node.text === name;
  const visit = (node: ts.Node): void => {
    if (kept) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(node.left) && isName(node.right)) kept = true;
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'set' && node.arguments.length === 2 && isName(node.arguments[1]!)) kept = true;
    else ts.forEachChild(node, visit);
  };
  visit(fn);
  return kept;
}

const CHAINED = new Set(['connect', 'on', 'once', 'addListener']);

/** `if (!client) client = …` or `if (client === undefined) { client = … }`. */
function isGuarded(assignment: ts.Node, target: string): boolean {
  const mentions = (condition: ts.Expression): boolean => condition.getText().replace(/\s+/g, '').includes(target.replace(/\s+/g, ''));
  for (let child: ts.Node = assignment, current = assignment.parent; current && !ts.isFunctionLike(current); child = current, current = current.parent) {
    if (ts.isIfStatement(current) && mentions(current.expression)) return true;
    // `if (sub) return; sub = new Redis(…)`: the early exit is the guard.
    if (ts.isBlock(current)) {
      const before = current.statements.slice(0, Math.max(0, current.statements.indexOf(child as ts.Statement)));
      if (before.some((statement) => ts.isIfStatement(statement) && !statement.elseStatement && alwaysExits(statement.thenStatement) && mentions(statement.expression))) return true;
    }
  }
  return false;
}
