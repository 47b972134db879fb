import ts = require('typescript');
import { enclosingClass } from './enclosing-class.js';
import type { ClientLibrary } from './client-library.js';
import type { ClientKind } from './client-site.js';
import type { DetectionContext } from './detection-context.js';
import { moduleBindingOf, skipOuter } from './module-binding.js';
import { onlyReturn } from './only-return.js';
import { isFallbackOperator, propertyNameText } from './key-resolver.js';
import { calleeFunction } from './callee-function.js';
import { superCallsOf } from './super-calls.js';
import { memberDeclaration } from './member-declaration.js';

/** Where options the engine cannot see come from: the enclosing function's caller, or somewhere in the project (env, config, an import). */
export type OpaqueOrigin = 'caller' | 'project';

export interface ClientOptionsView {
  options: ts.ObjectLiteralExpression | undefined;
  /** Objects merged under `options` (the other arguments of `Object.assign`), visible or not. */
  merged: readonly ts.Expression[];
  positional: ts.Expression[];
  optionsOpaque: boolean;
  /** For opaque options: whether a caller hands them in wholly (a parameter) or the project builds them; undefined when out of sight. */
  opaqueOrigin: OpaqueOrigin | undefined;
}

const MAX_DEPTH = 6;

/**
 * Splits constructor arguments into the options object and the rest. ioredis accepts
 * `(port, host, options)`, `(url, options)` or `(options)`; a cluster takes `(nodes, options)`;
 * node-redis v3 takes `(port, host, options)` or `(url, options)`; node-redis v4+ and Upstash take
 * one options object.
 */
export function readClientOptions(
  library: ClientLibrary,
  kind: ClientKind,
  args: readonly ts.Expression[],
  context: DetectionContext,
): ClientOptionsView {
  if (library === 'ioredis' && kind === 'cluster') {
    const [nodes, options] = args;
    return classify(options, nodes ? [nodes] : [], context);
  }
  const last = args.at(-1);
  if (!last) return { options: undefined, merged: [], positional: [], optionsOpaque: false, opaqueOrigin: undefined };
  const positional = args.slice(0, -1);
  if ((library === 'ioredis' || library === 'node-redis') && isStringOrNumber(last, context)) return { options: undefined, merged: [], positional: [...args], optionsOpaque: false, opaqueOrigin: undefined };
  return classify(last, positional, context);
}

function classify(candidate: ts.Expression | undefined, positional: ts.Expression[], context: DetectionContext): ClientOptionsView {
  if (!candidate) return { options: undefined, merged: [], positional, optionsOpaque: false, opaqueOrigin: undefined };
  const resolved = resolveOptions(candidate, context, 0);
  if (resolved.literal) return { options: resolved.literal, merged: resolved.merged, positional, optionsOpaque: false, opaqueOrigin: undefined };
  return { options: undefined, merged: resolved.merged, positional, optionsOpaque: true, opaqueOrigin: resolved.origin };
}

interface ResolvedOptions {
  literal: ts.ObjectLiteralExpression | undefined;
  merged: ts.Expression[];
  origin: OpaqueOrigin | undefined;
}

/**
 * Options built in the project: an object literal, a `const` holding one (here or, with a checker,
 * in another module), `Object.assign(…)`, a function returning one. Otherwise, where they come from.
 */
function resolveOptions(expression: ts.Expression, context: DetectionContext, depth: number): ResolvedOptions {
  const node = skipOuter(expression);
  const literal = depth > MAX_DEPTH ? undefined : objectLiteralOf(node, context);
  if (literal) return { literal, merged: [], origin: undefined };
  if (ts.isCallExpression(node) && isObjectAssign(node.expression) && depth <= MAX_DEPTH) {
    const parts = node.arguments.map((argument) => resolveOptions(argument, context, depth + 1));
    const lastLiteral = [...parts].reverse().find((part) => part.literal)?.literal;
    if (lastLiteral) return { literal: lastLiteral, merged: node.arguments.filter((argument) => objectLiteralOf(argument, context) !== lastLiteral), origin: undefined };
    return { literal: undefined, merged: [...node.arguments], origin: parts.some((part) => part.origin === 'project') ? 'project' : parts.every((part) => part.origin === 'caller') ? 'caller' : undefined };
  }
  if (ts.isConditionalExpression(node) && depth <= MAX_DEPTH) {
    // Either branch may be taken: an option either sets counts as set, and one neither sets as missing.
    const [whenTrue, whenFalse] = [objectLiteralOf(node.whenTrue, context), objectLiteralOf(node.whenFalse, context)];
    if (whenTrue && whenFalse) return { literal: whenTrue, merged: [node.whenFalse], origin: undefined };
  }
  if (ts.isIdentifier(node) && depth <= MAX_DEPTH) {
    // `const config = deps.config || REDIS_CONFIG; new Redis(config)`.
    const declaration = context.finder.find(node);
    const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
    if (initializer && isFallback(initializer)) {
      const resolved = resolveOptions(initializer, context, depth + 1);
      if (resolved.literal) return resolved;
    }
    // `const opts = _.extend({ host }, options)`.
    if (initializer && ts.isCallExpression(initializer) && isObjectAssign(initializer.expression)) return resolveOptions(initializer, context, depth + 1);
  }
  if (isFallback(node) && depth <= MAX_DEPTH) {
    // `deps.config || REDIS_CONFIG`: the project's default, with what a caller may hand in instead beside it.
    const fallback = objectLiteralOf(node.right, context) ?? objectLiteralOf(node.left, context);
    if (fallback) return { literal: fallback, merged: [objectLiteralOf(node.right, context) === fallback ? node.left : node.right], origin: undefined };
  }
  return { literal: undefined, merged: [], origin: originOf(node, context) };
}

function isFallback(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && isFallbackOperator(node.operatorToken.kind);
}

/** lodash's and underscore's merges of objects into the first, as `Object.assign` does (`_.defaults` lets the first win, which no option read here depends on). */
const LODASH_MERGES = new Set(['assign', 'assignIn', 'extend', 'merge', 'defaults', 'defaultsDeep']);

function isObjectAssign(callee: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
  const owner = callee.expression.text;
  return (owner === 'Object' && callee.name.text === 'assign') || ((owner === '_' || owner === 'lodash' || owner === 'underscore') && LODASH_MERGES.has(callee.name.text));
}

/** What a getter of a class of the project returns, or a static property's initializer. */
function classMemberValue(access: ts.PropertyAccessExpression, context: DetectionContext): ts.Expression | undefined {
  const declaration = memberDeclaration(access, context);
  if (!declaration) return undefined;
  if (ts.isGetAccessorDeclaration(declaration)) return onlyReturn(declaration);
  if (ts.isPropertyDeclaration(declaration) && declaration.initializer && ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Static) return declaration.initializer;
  return undefined;
}

/**
 * A parameter (or a property of one) is the caller's; anything else the project builds. Without a
 * checker, what another module exports is out of sight, so its origin is not known: typed mode, which
 * may see it set the option, must not find less.
 */
export function originOf(expression: ts.Expression, context: DetectionContext, depth = 0): OpaqueOrigin | undefined {
  let node = skipOuter(expression);
  if (isFallback(node) && depth <= MAX_DEPTH) {
    // `deps.options || DEFAULTS`: the project's when either side is; unknown when a side is out of sight.
    const sides = [originOf(node.left, context, depth + 1), originOf(node.right, context, depth + 1)];
    return sides.includes(undefined) ? undefined : sides.includes('project') ? 'project' : 'caller';
  }
  let member: string | undefined;
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) member = node.name.text;
    node = skipOuter(node.expression);
  }
  // `new Redis(this.opts.redis)`: the options a class is handed when it is made are its user's.
  if (node.kind === ts.SyntaxKind.ThisKeyword) return member !== undefined && OPTIONS_MEMBER.test(member) && isHandedOptions(node) ? 'caller' : 'project';
  if (!ts.isIdentifier(node)) return 'project';
  const declaration = context.finder.find(node);
  const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
  if (initializer && isFallback(initializer) && depth <= MAX_DEPTH) return originOf(initializer, context, depth + 1);
  if (!context.checker && declaration && moduleBindingOf(declaration) !== undefined) return undefined;
  // `const { redisOptions } = options as ModuleOptions`: where the destructured object comes from.
  const destructured = declaration && ts.isBindingElement(declaration) ? destructuredFrom(declaration) : undefined;
  if (destructured && depth <= MAX_DEPTH) return originOf(destructured, context, depth + 1);
  const parameter = declaration && (ts.isParameter(declaration) ? declaration : ts.isBindingElement(declaration) ? enclosingParameter(declaration) : undefined);
  if (parameter) return typedAsProjectConfig(parameter, context) ? 'project' : 'caller';
  return 'project';
}

/** Where a class keeps the options it is given. */
const OPTIONS_MEMBER = /^(opts|options|config|conf|cfg|settings)$/i;

/** A class that takes arguments when it is made, itself or through the class it extends (`class RedisCacher extends BaseCacher`). */
function isHandedOptions(self: ts.Node): boolean {
  const owner = enclosingClass(self);
  if (!owner) return false;
  const extendsAnother = owner.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword) ?? false;
  return extendsAnother || owner.members.some((member) => ts.isConstructorDeclaration(member) && member.parameters.length > 0);
}

/** The initializer of the variable declaration a binding element destructures, through nested patterns. */
function destructuredFrom(element: ts.BindingElement): ts.Expression | undefined {
  let node: ts.Node = element;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  return ts.isVariableDeclaration(node) ? node.initializer : undefined;
}

function enclosingParameter(node: ts.Node): ts.ParameterDeclaration | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isParameter(current)) return current;
    if (!ts.isBindingElement(current) && !ts.isObjectBindingPattern(current) && !ts.isArrayBindingPattern(current)) return undefined;
  }
  return undefined;
}

/** `Config`, `AppConfig`, `RedisConfiguration`, `Settings`: the name of an application's configuration type. */
const CONFIG_TYPE = /(^|[a-z])(Config|Configuration|Settings)$/;

/**
 * `useFactory: (config: Config) => new Redis(config.redis)`: a parameter typed as the application's
 * own configuration (declared in this file, or imported from a module of the project, not from a
 * package) carries options the project's config loader built, not a library caller's.
 */
function typedAsProjectConfig(parameter: ts.ParameterDeclaration, context: DetectionContext): boolean {
  const type = parameter.type ?? ts.getJSDocType(parameter);
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || !CONFIG_TYPE.test(type.typeName.text)) return false;
  const name = type.typeName;
  const sourceFile = parameter.getSourceFile();
  const declaredHere = sourceFile.statements.some((statement) => (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name.text)
    || new RegExp(`@typedef\\s*(\\{[^}]*\\}\\s*)?${name.text}\\b`).test(sourceFile.text);
  if (declaredHere) return true;
  const declaration = context.finder.find(name);
  const binding = declaration && moduleBindingOf(declaration);
  return binding !== undefined && /^(\.{1,2}\/|@\/|~\/|#|src\/)/.test(binding.module);
}

/**
 * An object literal, directly, through a `const` (in this file or, with a checker, exported by
 * another), a member of an exported object (`config.redis`), or a function returning one.
 */
export function objectLiteralOf(expression: ts.Expression, context: DetectionContext, depth = 0): ts.ObjectLiteralExpression | undefined {
  const node = skipOuter(expression);
  if (ts.isObjectLiteralExpression(node)) return node;
  if (depth > MAX_DEPTH) return undefined;
  if (ts.isIdentifier(node)) {
    const declaration = context.finder.find(node);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const initializer = skipOuter(declaration.initializer);
      // `const options = cond ? { … } : { … }`: the branch written first stands for both (see resolveOptions).
      if (ts.isConditionalExpression(initializer)) return objectLiteralOf(initializer.whenTrue, context, depth + 1) ?? objectLiteralOf(initializer.whenFalse, context, depth + 1);
      return objectLiteralOf(initializer, context, depth + 1);
    }
    const exported = context.finder.exportedValue?.(node);
    return exported ? objectLiteralOf(exported, context, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(node)) {
    const owner = node.expression.kind === ts.SyntaxKind.ThisKeyword ? undefined : objectLiteralOf(node.expression, context, depth + 1);
    const member = owner && findProperty(owner, node.name.text, context).property;
    if (member && ts.isPropertyAssignment(member)) return objectLiteralOf(member.initializer, context, depth + 1);
    // `settings.bounded`, `StoreSettings.defaults`, `this.options`: a getter of a class of the project, read like a function.
    const value = classMemberValue(node, context);
    if (value) return objectLiteralOf(value, context, depth + 1);
    const exported = node.expression.kind === ts.SyntaxKind.ThisKeyword ? undefined : context.finder.exportedValue?.(node);
    return exported ? objectLiteralOf(exported, context, depth + 1) : undefined;
  }
  if (ts.isCallExpression(node) && !isObjectAssign(node.expression)) {
    const fn = calleeFunction(node.expression, context);
    const returned = fn && onlyReturn(fn);
    return returned ? objectLiteralOf(returned, context, depth + 1) : undefined;
  }
  return undefined;
}

/** `url`, `redisUrl`, `REDIS_URI`, `connectionString`: a name that holds a connection string, whatever its type says. */
const URL_NAME = /^(url|uri|connectionString)$|(Url|URL|Uri|URI|ConnectionString)$/;

function isStringOrNumber(expression: ts.Expression, context: DetectionContext): boolean {
  const node = skipOuter(expression);
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isNumericLiteral(node)) return true;
  if ((ts.isIdentifier(node) && URL_NAME.test(node.text)) || (ts.isPropertyAccessExpression(node) && URL_NAME.test(node.name.text))) return true;
  if (ts.isPropertyAccessExpression(node) && isProcessEnv(node.expression)) return true;
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(node.operatorToken.kind)) {
    return isStringOrNumber(node.left, context) || isStringOrNumber(node.right, context);
  }
  if (ts.isIdentifier(node)) {
    const declaration = context.finder.find(node);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) return isStringOrNumber(declaration.initializer, context);
    if (context.checker) {
      try {
        const type = context.checker.getTypeAtLocation(node);
        return !!(type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike));
      } catch {
        return false;
      }
    }
  }
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && (node.expression.text === 'Number' || node.expression.text === 'String')) return true;
  return false;
}

export function isProcessEnv(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  return ts.isPropertyAccessExpression(node) && node.name.text === 'env' && ts.isIdentifier(node.expression) && node.expression.text === 'process';
}

/**
 * A property of an object literal by name (the last one written wins), looking into spreads the
 * engine can see; `hidden` when a spread it cannot see could hold it.
 */
export function findProperty(object: ts.ObjectLiteralExpression, name: string, context?: DetectionContext, depth = 0): { property: ts.ObjectLiteralElementLike | undefined; hidden: boolean } {
  let hidden = false;
  for (let index = object.properties.length - 1; index >= 0; index--) {
    const property = object.properties[index]!;
    if (ts.isSpreadAssignment(property)) {
      for (const arm of spreadArms(property.expression)) {
        const spread = context && depth < MAX_DEPTH ? objectLiteralOf(arm, context) : undefined;
        const inner = spread ? findProperty(spread, name, context, depth + 1) : { property: undefined, hidden: true };
        if (inner.property) return inner;
        if (inner.hidden) hidden = true;
      }
      continue;
    }
    if (property.name && propertyNameText(property.name) === name) return { property, hidden: false };
  }
  return { property: undefined, hidden };
}

/**
 * What a spread may add: either arm of `...(ms > 0 ? { socketTimeout: ms } : {})`, the object of
 * `...(ms > 0 && { socketTimeout: ms })`. An option either arm sets counts as set, as for a conditional's options.
 */
function spreadArms(expression: ts.Expression): ts.Expression[] {
  const node = skipOuter(expression);
  if (ts.isConditionalExpression(node)) return [node.whenTrue, node.whenFalse];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return [node.right];
  return [expression];
}

/** Whether an object literal sets anything itself, besides what it spreads. */
export function hasOwnProperties(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((property) => !ts.isSpreadAssignment(property));
}

/**
 * Whether an object literal spreads options a caller hands in (`{ lazyConnect: true, ...(redisOptions ?? {}) }`
 * where `redisOptions` is the module's option): what it sets itself are defaults under the caller's.
 */
export function spreadsCallerOptions(object: ts.ObjectLiteralExpression, context: DetectionContext, depth = 0): boolean {
  return object.properties.some((property) => {
    if (!ts.isSpreadAssignment(property)) return false;
    const visible = depth < MAX_DEPTH ? objectLiteralOf(property.expression, context) : undefined;
    if (visible) return spreadsCallerOptions(visible, context, depth + 1);
    return isCallerOptions(property.expression, context);
  });
}

/** An argument of `Object.assign(…)` (or a lodash merge): merged with the others, not chosen instead of them as `a ?? b` is. */
export function isMergedArgument(expression: ts.Expression): boolean {
  return ts.isCallExpression(expression.parent) && isObjectAssign(expression.parent.expression) && expression.parent.arguments.includes(expression);
}

/** Options a caller hands in (`options`, `deps.redis`, `options ?? {}`), unless the constructions in sight leave them out. */
export function isCallerOptions(expression: ts.Expression, context: DetectionContext): boolean {
  let node = skipOuter(expression);
  // `...(options ?? {})`: an empty fallback adds nothing.
  if (isFallback(node) && isEmptyObject(node.right)) node = skipOuter(node.left);
  return originOf(node, context) === 'caller' && !leftOutByCallersInSight(node, context);
}

/**
 * `super(url, { ...options, maxRetriesPerRequest: 3 })` in a class the file builds only as `new CounterRedis(url)`
 * (or `new RedisPool(url)` through a subclass's `super(options)`): what the constructions in sight hand that
 * parameter is nothing, or a connection string, so the spread adds no option and the literal is all there is.
 */
function leftOutByCallersInSight(spread: ts.Expression, context: DetectionContext): boolean {
  let node = spread;
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = skipOuter(node.expression);
  const declaration = ts.isIdentifier(node) ? context.finder.find(node) : undefined;
  if (!declaration || !ts.isParameter(declaration) || !ts.isConstructorDeclaration(declaration.parent)) return false;
  const handed = argumentsHanded(declaration.parent.parent, declaration.parent.parameters.indexOf(declaration), 0);
  return handed !== undefined && handed.constructions > 0 && handed.values.every((value) => isStringOrNumber(value, context));
}

/**
 * What the file's constructions hand a class's constructor parameter at `index`: through `new` of the class, of a
 * subclass without a constructor, and of a subclass whose constructor passes one of its own parameters on in `super(…)`.
 * Undefined when one cannot be followed (a spread).
 */
function argumentsHanded(owner: ts.ClassLikeDeclaration, index: number, depth: number): { constructions: number; values: ts.Expression[] } | undefined {
  const name = owner.name?.text;
  if (!name || depth > 4) return undefined;
  const result = { constructions: 0, values: [] as ts.Expression[] };
  let followed = true;
  const visit = (current: ts.Node): void => {
    if (ts.isNewExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === name) {
      const args = current.arguments ?? [];
      result.constructions++;
      if (args.slice(0, index + 1).some(ts.isSpreadElement)) followed = false;
      else if (args[index]) result.values.push(args[index]!);
    }
    ts.forEachChild(current, visit);
  };
  visit(owner.getSourceFile());
  for (const statement of owner.getSourceFile().statements) {
    if (!followed) return undefined;
    if (!ts.isClassDeclaration(statement)) continue;
    const base = statement.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    if (!base || !ts.isIdentifier(base) || base.text !== name) continue;
    const constructor = statement.members.find(ts.isConstructorDeclaration);
    let inner: { constructions: number; values: ts.Expression[] } | undefined;
    if (!constructor) inner = argumentsHanded(statement, index, depth + 1);
    else {
      const [superCall] = constructor.body ? superCallsOf(constructor.body) : [];
      const args = superCall?.arguments ?? [];
      const passed = args[index];
      if (!superCall || args.slice(0, index + 1).some(ts.isSpreadElement)) return undefined;
      const own = passed && ts.isIdentifier(passed) ? constructor.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === passed.text) : -1;
      inner = own >= 0 ? argumentsHanded(statement, own, depth + 1) : { constructions: 1, values: passed ? [passed] : [] };
    }
    if (!inner) return undefined;
    result.constructions += inner.constructions;
    result.values.push(...inner.values);
  }
  return followed ? result : undefined;
}

function isEmptyObject(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  return ts.isObjectLiteralExpression(node) && node.properties.length === 0;
}

/** The value of `object.a.b…`, following nested object literals; `opaque` when a step cannot be seen. */
export function propertyPath(
  object: ts.ObjectLiteralExpression,
  path: readonly string[],
  context: DetectionContext,
): { value: ts.Expression | undefined; opaque: boolean } {
  let current: ts.ObjectLiteralExpression = object;
  for (let index = 0; index < path.length; index++) {
    const { property, hidden } = findProperty(current, path[index]!, context);
    if (!property) return { value: undefined, opaque: hidden };
    const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
    if (!value) return { value: undefined, opaque: true };
    if (index === path.length - 1) return { value, opaque: false };
    const next = objectLiteralOf(value, context);
    if (!next) return { value: undefined, opaque: true };
    current = next;
  }
  return { value: undefined, opaque: false };
}
