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
  if (exported) return calleeFunction(exported, context, depth + 1);
  // `rooms.members()` where the module exports an instance (`module.exports = new RoomStore()`).
  return ts.isPropertyAccessExpression(node) ? declaredMethod(node, context) : undefined;
}

/**
 * The class method or function the checker finds for a member access, when it has a body in the program:
 * `rooms.members()` on a module's exported instance, `this.cacheService.userProfileCache.fetch(id)`,
 * `store.joinPlayer()` where `store = require('./store')` and the module exports `{ joinPlayer }`.
 */
export function declaredMethod(access: ts.PropertyAccessExpression, context: DetectionContext): ts.FunctionLikeDeclaration | undefined {
  const checker = context.checker;
  let declaration: ts.Declaration | undefined;
  try {
    let symbol = checker?.getSymbolAtLocation(access.name);
    // A shorthand export (`module.exports = { joinPlayer }`) is an alias of the function it names.
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker!.getAliasedSymbol(symbol);
    declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  } catch {
    return undefined;
  }
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  return (ts.isMethodDeclaration(declaration) || ts.isFunctionDeclaration(declaration)) && declaration.body ? declaration : undefined;
}

/** How many of a module's exports a call by name may reach, at most: a dispatch table, not a library's whole API. */
const MAX_NAMED_EXPORTS = 40;

/**
 * The functions a call by run-time name on a local module may invoke: every function the module
 * exports, for `reports[req.params.name](query)` where `reports = require('./reports')` (or
 * `import * as reports`). Needs the checker, which knows the module's exports.
 */
export function moduleFunctionsByName(access: ts.ElementAccessExpression, context: DetectionContext): ts.FunctionLikeDeclaration[] {
  const checker = context.checker;
  if (!checker || ts.isStringLiteralLike(skipOuter(access.argumentExpression))) return [];
  const specifier = moduleSpecifierOf(access.expression, context);
  let exports: ts.Symbol[];
  try {
    const module = specifier && checker.getSymbolAtLocation(specifier);
    if (!module || module.declarations?.some((declaration) => declaration.getSourceFile().isDeclarationFile)) return [];
    exports = checker.getExportsOfModule(module);
  } catch {
    return [];
  }
  if (exports.length > MAX_NAMED_EXPORTS) return [];
  return exports.flatMap((symbol) => {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    const fn = declaration && exportedFunction(declaration, context);
    return fn ? [fn] : [];
  });
}

/** The module a receiver is the namespace of: the specifier of `require('./x')` or `import * as x from './x'`. */
function moduleSpecifierOf(receiver: ts.Expression, context: DetectionContext): ts.StringLiteralLike | undefined {
  const node = skipOuter(receiver);
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = context.finder.local(node);
  if (declaration && ts.isNamespaceImport(declaration)) {
    const specifier = declaration.parent.parent.moduleSpecifier;
    return ts.isStringLiteralLike(specifier) ? specifier : undefined;
  }
  const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
  if (!initializer || !ts.isCallExpression(initializer) || !ts.isIdentifier(initializer.expression) || initializer.expression.text !== 'require') return undefined;
  const [specifier] = initializer.arguments;
  return specifier && ts.isStringLiteralLike(specifier) && specifier.text.startsWith('.') ? specifier : undefined;
}

/** The function an export stands for: `export function f`, `exports.f = () => …`, `module.exports = { f }`, `{ f: g }`. */
function exportedFunction(declaration: ts.Declaration, context: DetectionContext): ts.FunctionLikeDeclaration | undefined {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration.body ? declaration : undefined;
  if (ts.isVariableDeclaration(declaration)) return declaration.initializer ? calleeFunction(declaration.initializer, context) : undefined;
  if (ts.isShorthandPropertyAssignment(declaration)) return calleeFunction(declaration.name, context);
  if (ts.isPropertyAssignment(declaration)) return calleeFunction(declaration.initializer, context);
  const assignment = ts.isBinaryExpression(declaration) ? declaration : declaration.parent;
  if (assignment && ts.isBinaryExpression(assignment) && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken) return calleeFunction(assignment.right, context);
  return undefined;
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
  const name = access.name.text;
  // `MatchQueue.join(id)`: a static method of a class of the program, in this file or (with a checker) another.
  if (declaration && ts.isClassDeclaration(declaration)) return declaration.getSourceFile().isDeclarationFile ? undefined : staticMethod(declaration, name);
  if (!declaration || !(ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration))) return undefined;
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

function staticMethod(declaration: ts.ClassDeclaration, name: string): ts.FunctionLikeDeclaration | undefined {
  const member = declaration.members.find(
    (candidate) => ts.isMethodDeclaration(candidate) && ts.isIdentifier(candidate.name) && candidate.name.text === name && ts.getModifiers(candidate)?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword),
  );
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
