import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';

const MAX_DEPTH = 4;

/**
 * The function a callee names, when its body is in reach: a function declared or bound to a
 * `const` in scope, an arrow or function expression written in place, `this.method` of the
 * enclosing class, or (with a checker) a function another local module exports
 * (`exports.get = function …`, `module.exports = { get }`, `lib.get`).
 */
export function calleeFunction(callee: ts.Expression, context: DetectionContext, depth = 0): ts.FunctionLikeDeclaration | undefined {
  const node = skipOuter(callee);
  if (depth > MAX_DEPTH) return undefined;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
  if (ts.isIdentifier(node)) {
    const declaration = context.finder.find(node);
    if (declaration && ts.isFunctionDeclaration(declaration)) return declaration.body ? declaration : undefined;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const initializer = skipOuter(declaration.initializer);
      if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) return initializer;
    }
  } else if (ts.isPropertyAccessExpression(node)) {
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return ownMethod(node);
  } else {
    return undefined;
  }
  const exported = context.finder.exportedValue?.(node);
  return exported ? calleeFunction(exported, context, depth + 1) : undefined;
}

/** `this.helper` where the enclosing class declares the method. */
function ownMethod(access: ts.PropertyAccessExpression): ts.FunctionLikeDeclaration | undefined {
  for (let current = access.parent; current; current = current.parent) {
    if (!ts.isClassLike(current)) continue;
    const member = current.members.find((candidate) => ts.isMethodDeclaration(candidate) && candidate.name.getText() === access.name.text);
    return member && ts.isMethodDeclaration(member) && member.body ? member : undefined;
  }
  return undefined;
}
