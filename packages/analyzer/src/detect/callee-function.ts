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
    if (method || !isModuleObject(node.expression, context)) return method;
  } else {
    return undefined;
  }
  const exported = context.finder.exportedValue?.(node);
  return exported ? calleeFunction(exported, context, depth + 1) : undefined;
}

/** `lib` of `lib.get()`: a module's namespace (`import * as lib`, `require('./lib')`), whose members are its exports. */
function isModuleObject(receiver: ts.Expression, context: DetectionContext): boolean {
  const node = skipOuter(receiver);
  if (!ts.isIdentifier(node)) return false;
  const declaration = context.finder.find(node);
  if (!declaration) return false;
  if (ts.isNamespaceImport(declaration) || ts.isImportClause(declaration) || ts.isImportEqualsDeclaration(declaration)) return true;
  const initializer = ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
  return initializer !== undefined && ts.isCallExpression(initializer) && ts.isIdentifier(initializer.expression) && initializer.expression.text === 'require';
}

/**
 * `cache.list()`, `this.followService.list()`: a method of an object the code shows the making of: a
 * class behind a `new` (`const cache = new CatalogCache()`), a field or constructor parameter typed as
 * a class of the program, or an object literal of functions; in this file or, with a checker, the one
 * it is imported from. Only declarations are followed, never inferred types: a handler's every
 * `res.json()` and `redis.get()` would otherwise cost the checker a type each.
 */
function objectMethod(access: ts.PropertyAccessExpression, context: DetectionContext): ts.FunctionLikeDeclaration | undefined {
  const receiver = skipOuter(access.expression);
  let declaration: ts.Node | undefined;
  if (ts.isIdentifier(receiver)) declaration = context.finder.find(receiver);
  else if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) declaration = ownMember(receiver);
  if (!declaration || !(ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration))) return undefined;
  const name = access.name.text;
  const made = declaration.initializer && skipOuter(declaration.initializer);
  if (made && ts.isObjectLiteralExpression(made)) {
    const property = made.properties.find((candidate) => candidate.name && ts.isIdentifier(candidate.name) && candidate.name.text === name);
    if (property && ts.isMethodDeclaration(property)) return property.body ? property : undefined;
    const value = property && ts.isPropertyAssignment(property) ? skipOuter(property.initializer) : undefined;
    return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value : undefined;
  }
  const typeName = made && ts.isNewExpression(made) ? made.expression : declaration.type && ts.isTypeReferenceNode(declaration.type) ? declaration.type.typeName : undefined;
  const type = typeName && ts.isIdentifier(typeName) ? context.finder.find(typeName) : undefined;
  if (!type || !ts.isClassDeclaration(type) || type.getSourceFile().isDeclarationFile) return undefined;
  const member = type.members.find((candidate) => ts.isMethodDeclaration(candidate) && ts.isIdentifier(candidate.name) && candidate.name.text === name);
  return member && ts.isMethodDeclaration(member) && member.body ? member : undefined;
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
