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
    const method = objectMethod(node, context);
    if (method) return method;
  } else {
    return undefined;
  }
  const exported = context.finder.exportedValue?.(node);
  return exported ? calleeFunction(exported, context, depth + 1) : undefined;
}

/**
 * `cache.list()`, `this.followService.list()`: a method of an object whose class the code shows. With a
 * checker, whatever method the name resolves to in the program's own files; without one, a class of
 * this file behind a `new` (`const cache = new CatalogCache()`) or a typed field or constructor parameter.
 */
function objectMethod(access: ts.PropertyAccessExpression, context: DetectionContext): ts.FunctionLikeDeclaration | undefined {
  if (context.checker) {
    const declaration = context.checker.getSymbolAtLocation(access.name)?.valueDeclaration;
    if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
    if (ts.isMethodDeclaration(declaration)) return declaration.body ? declaration : undefined;
    const value = ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration) ? declaration.initializer && skipOuter(declaration.initializer) : undefined;
    return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value : undefined;
  }
  const type = classOf(skipOuter(access.expression), context);
  const member = type?.members.find((candidate) => ts.isMethodDeclaration(candidate) && ts.isIdentifier(candidate.name) && candidate.name.text === access.name.text);
  return member && ts.isMethodDeclaration(member) && member.body ? member : undefined;
}

/** The class of this file an object is made from or typed as. */
function classOf(receiver: ts.Expression, context: DetectionContext): ts.ClassLikeDeclaration | undefined {
  let declaration: ts.Node | undefined;
  if (ts.isIdentifier(receiver)) declaration = context.finder.find(receiver);
  else if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) declaration = ownMember(receiver);
  if (!declaration || !(ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration))) return undefined;
  const made = declaration.initializer && skipOuter(declaration.initializer);
  const typeName = made && ts.isNewExpression(made) ? made.expression : declaration.type && ts.isTypeReferenceNode(declaration.type) ? declaration.type.typeName : undefined;
  if (!typeName || !ts.isIdentifier(typeName)) return undefined;
  const found = context.finder.find(typeName);
  return found && ts.isClassDeclaration(found) ? found : undefined;
}

/** `this.cache`: the field or constructor parameter property that declares it. */
function ownMember(access: ts.PropertyAccessExpression): ts.Node | undefined {
  for (let current = access.parent; current; current = current.parent) {
    if (!ts.isClassLike(current)) continue;
    for (const member of current.members) {
      if (ts.isPropertyDeclaration(member) && member.name.getText() === access.name.text) return member;
      if (ts.isConstructorDeclaration(member)) {
        const parameter = member.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === access.name.text && candidate.modifiers?.length);
        if (parameter) return parameter;
      }
    }
    return undefined;
  }
  return undefined;
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
