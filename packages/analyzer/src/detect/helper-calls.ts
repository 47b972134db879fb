import ts = require('typescript');
import { waitingKindOf } from './blocking-command.js';
import { calleeFunction } from './callee-function.js';
import type { CodeContext } from './client-site.js';
import type { DetectionContext } from './detection-context.js';
import { constantString, resolveKey } from './key-resolver.js';
import type { KeyPattern } from './key-pattern.js';
import { dynamicNames } from './key-words.js';
import { moduleBindingOf, skipOuter } from './module-binding.js';
import { alwaysExits } from './exclusive-paths.js';
import { isWithin } from './node-range.js';
import { isReleaseName, takesLock } from './lock-take.js';
import type { CommandArg, RedisCall } from './redis-call.js';

/**
 * Commands whose problem is the command itself, or the helper's own protocol around it (a lock's
 * acquire and its retry): they are fixed inside the helper, so reported there.
 */
const JUDGED_AT_COMMAND = new Set(['KEYS', 'FLUSHDB', 'FLUSHALL', 'SETNX', 'GETSET']);

/** `releaseLock(key)` → `client.del(key)`: the release is the lock's protocol, fixed inside the helper like its acquire. */
function releasesLock(call: RedisCall, fn: ts.SignatureDeclaration): boolean {
  return (call.command === 'DEL' || call.command === 'UNLINK') && isReleaseName(helperNameOf(fn));
}

/** Helpers of helpers: `getList(key)` → `this.get(key)` → `client.smembers(key)`. */
const MAX_DEPTH = 3;

/** The value of a parameter its caller leaves out and that has no default: `undefined`, with no node in the source. */
const OMITTED: ts.Expression = ts.factory.createIdentifier('undefined');

/**
 * The calls the rules read, with this file's own helpers summarized: a function that sends a command
 * on its parameters (`set(key, value)` → `client.set(key, value)`) is read at each of its calls, with
 * the caller's arguments for its parameters and the caller's code path, loop and awaits. A command
 * read this way at its helper's calls is replaced by them, so it is judged once, where the key and the
 * path are; a helper with no call in sight keeps its command.
 */
export function withHelperCalls(
  calls: readonly RedisCall[],
  candidates: ReadonlyArray<ts.CallExpression | ts.NewExpression>,
  contextOf: (node: ts.Node) => CodeContext,
  context: DetectionContext,
  foreign?: ForeignHelpers,
): RedisCall[] {
  let current = [...calls, ...(foreign ? foreignHelperCalls(candidates, contextOf, context, foreign) : [])];
  const tried = new Set<RedisCall>();
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const helpers = helpersOf(current, tried);
    if (helpers.size === 0) break;
    const names = new Set<string>();
    for (const [fn, inner] of helpers) {
      for (const call of inner) tried.add(call);
      names.add(helperNameOf(fn)!);
    }
    const replaced = new Set<RedisCall>();
    const added: RedisCall[] = [];
    for (const candidate of candidates) {
      if (!ts.isCallExpression(candidate)) continue;
      const called = calleeName(candidate.expression);
      if (!called || !names.has(called.text)) continue;
      const fn = calleeFunction(candidate.expression, context);
      const inner = fn && helpers.get(fn);
      if (!fn || !inner || isWithin(candidate, fn)) continue;
      const parameters = parameterArguments(fn, candidate);
      for (const call of inner) {
        replaced.add(call);
        if (branchTaken(call.node, fn, parameters) !== false) added.push(atCall(call, candidate, called, parameters, contextOf(candidate), context));
      }
    }
    if (added.length === 0) break;
    current = [...current.filter((call) => !replaced.has(call)), ...added];
  }
  return current;
}

/** The pass-through commands of another file's helper (`helperCommands` of its model), in typed mode. */
export type ForeignHelpers = (fn: ts.SignatureDeclaration) => readonly RedisCall[] | undefined;

/**
 * Calls of another module's helpers (`const { smembers } = require('./redis')`, `cache.getMembers(key)`
 * with `cache` imported): each is read as the commands the helper sends, with this call's arguments,
 * code path and loop. Only callees named through an import are resolved: nothing else can be one.
 */
function foreignHelperCalls(
  candidates: ReadonlyArray<ts.CallExpression | ts.NewExpression>,
  contextOf: (node: ts.Node) => CodeContext,
  context: DetectionContext,
  foreign: ForeignHelpers,
): RedisCall[] {
  const added: RedisCall[] = [];
  for (const candidate of candidates) {
    if (!ts.isCallExpression(candidate)) continue;
    const called = calleeName(candidate.expression);
    if (!called || !isImportedName(candidate.expression, context)) continue;
    const fn = calleeFunction(candidate.expression, context);
    if (!fn || fn.getSourceFile() === context.sourceFile) continue;
    const inner = foreign(fn);
    if (!inner) continue;
    const parameters = parameterArguments(fn, candidate);
    for (const call of inner) {
      if (branchTaken(call.node, fn, parameters) !== false) added.push(atCall(call, candidate, called, parameters, contextOf(candidate), context));
    }
  }
  return added;
}

/**
 * `smembers(…)`, `cache.get(…)`, `lib.cache.get(…)`: a callee whose first name this file binds by an import or a
 * `require`; or `this.kv.put(…)`, a method of a service the class holds (injected), which may be another module's.
 */
function isImportedName(callee: ts.Expression, context: DetectionContext): boolean {
  let node = skipOuter(callee);
  let depth = 0;
  while (ts.isPropertyAccessExpression(node)) {
    node = skipOuter(node.expression);
    depth++;
  }
  if (node.kind === ts.SyntaxKind.ThisKeyword) return depth === 2;
  if (!ts.isIdentifier(node)) return false;
  const declaration = context.finder.local(node);
  return declaration !== undefined && moduleBindingOf(declaration) !== undefined;
}

/** The helpers a file offers other files: its functions with pass-through commands, and those commands. */
export function passThroughHelpers(calls: readonly RedisCall[]): Map<ts.SignatureDeclaration, RedisCall[]> {
  return helpersOf(calls, new Set(), false);
}

/**
 * The function a command is the work of: its own, or for a command sent in a promise's executor
 * (`(key) => new Promise((resolve, reject) => client.smembers(key, done(resolve, reject)))`), the function that made the promise.
 */
function workingFunction(fn: ts.SignatureDeclaration): ts.SignatureDeclaration {
  const parent = fn.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !parent || !ts.isNewExpression(parent) || parent.arguments?.[0] !== fn) return fn;
  if (!ts.isIdentifier(parent.expression) || parent.expression.text !== 'Promise') return fn;
  for (let node: ts.Node | undefined = parent.parent; node; node = node.parent) if (ts.isFunctionLike(node)) return node;
  return fn;
}

/** Functions of this file with commands on their own parameters, and those commands; `named`: only those called by a name (for calls in this file). */
function helpersOf(calls: readonly RedisCall[], tried: ReadonlySet<RedisCall>, named = true): Map<ts.SignatureDeclaration, RedisCall[]> {
  const helpers = new Map<ts.SignatureDeclaration, RedisCall[]>();
  // A function that takes a lock keeps its other commands on that key too (the EXPIRE after a SETNX): they are its protocol.
  const lockKeys = new Map<ts.SignatureDeclaration, Set<string>>();
  for (const call of calls) {
    const fn = call.context.fn && workingFunction(call.context.fn);
    if (!fn || !takesLock(call)) continue;
    const keys = lockKeys.get(fn) ?? new Set<string>();
    for (const key of call.keys) keys.add(key.signature);
    lockKeys.set(fn, keys);
  }
  for (const call of calls) {
    const fn = call.context.fn && workingFunction(call.context.fn);
    if (fn && call.keys.some((key) => lockKeys.get(fn)?.has(key.signature))) continue;
    // A command the helper sends once per item of its own loop is the helper's work, not its caller's.
    // A read that blocks or subscribes is about the connection the helper uses, so it is judged there too.
    if (!fn || tried.has(call) || call.context.inLoop || JUDGED_AT_COMMAND.has(call.command) || releasesLock(call, fn) || waitingKindOf(call) || (named && !helperNameOf(fn))) continue;
    const parameters = parameterNames(fn);
    if (parameters.size === 0 || !isPassThrough(call, parameters)) continue;
    const list = helpers.get(fn);
    if (list) list.push(call);
    else helpers.set(fn, [call]);
  }
  return helpers;
}

/**
 * A generic helper passes its parameters through as they are (`set(key, value)` → `client.set(key, value)`,
 * `range(start, stop)` → `zrange(BOARD, start, stop)`): its caller holds the key and the bounds. A helper
 * that builds its key from them (`` hgetall(`user:${id}:prefs`) ``) knows what it reads, and is judged there.
 */
function isPassThrough(call: RedisCall, parameters: ReadonlySet<string>): boolean {
  const bare = (node: ts.Expression): boolean => {
    const inner = skipOuter(node);
    return ts.isIdentifier(inner) && parameters.has(inner.text);
  };
  return call.args.some((arg) => bare(arg.node)) && call.keys.every((key) => bare(key.node) || (!mentions(key.node, parameters) && !builtFrom(key, parameters)));
}

/** A key the helper builds from its parameters through a local (`const key = \`visits:${room}\`; incrBy(key, by)`). */
function builtFrom(key: KeyPattern, parameters: ReadonlySet<string>): boolean {
  return dynamicNames(key).some((name) => parameters.has(name));
}

/** The command as one call of its helper sends it. */
function atCall(
  call: RedisCall,
  at: ts.CallExpression,
  nameNode: ts.Node,
  parameters: ReadonlyMap<string, ts.Expression>,
  callerContext: CodeContext,
  context: DetectionContext,
): RedisCall {
  // As the client reads them: an object the caller passes is options (`set(key, value, { XX: true })`), and
  // a trailing parameter it leaves out sends nothing (`set(key, value)` through `set(key, value, options?)`).
  const args: CommandArg[] = [];
  const optionObjects = [...call.optionObjects];
  let sent = 0;
  for (const arg of call.args) {
    const argument = parameterOf(arg.node, parameters);
    const object = argument && argument !== OMITTED ? skipOuter(argument) : undefined;
    if (object && ts.isObjectLiteralExpression(object)) {
      optionObjects.push(object);
      continue;
    }
    args.push(argument && argument !== OMITTED ? { node: argument, value: constantString(argument, context) } : arg);
    if (argument !== OMITTED) sent = args.length;
  }
  args.length = sent;
  const keys = call.keys.map((key): KeyPattern => {
    const argument = parameterOf(key.node, parameters);
    return argument && argument !== OMITTED ? resolveKey(argument, context) : key;
  });
  return { ...call, node: at, nameNode, args, optionObjects, keys, context: callerContext, through: call.through ?? call };
}

/**
 * Whether the branch of the helper a command sits in runs for these arguments: `get(key, type)` sends
 * SMEMBERS under `if (type === CacheGetType.TYPE_ARRAY)`, which a call passing `TYPE_OBJECT` never reaches.
 * Undefined when the arguments do not decide it.
 */
function branchTaken(node: ts.Node, fn: ts.SignatureDeclaration, parameters: ReadonlyMap<string, ts.Expression>): boolean | undefined {
  for (let child = node, parent = node.parent; parent && child !== fn; child = parent, parent = parent.parent) {
    let holds: boolean | undefined;
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const value = conditionValue(parent.expression, parameters);
      holds = value === undefined ? undefined : child === parent.thenStatement ? value : !value;
    } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const value = conditionValue(parent.condition, parameters);
      holds = value === undefined ? undefined : child === parent.whenTrue ? value : !value;
    } else if (ts.isCaseClause(parent) && child !== parent.expression) {
      holds = sameConstant(parent.parent.parent.expression, parent.expression, parameters);
    } else if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      holds = afterEarlyReturns(parent.statements, child, parameters);
    }
    if (holds === false) return false;
  }
  return undefined;
}

/** `if (Array.isArray(value)) return …;` before a statement: the statement runs only when the guard does not hold. */
function afterEarlyReturns(statements: ts.NodeArray<ts.Statement>, statement: ts.Node, parameters: ReadonlyMap<string, ts.Expression>): boolean | undefined {
  for (const earlier of statements) {
    if (earlier === statement) break;
    if (!ts.isIfStatement(earlier) || earlier.elseStatement || !alwaysExits(earlier.thenStatement)) continue;
    if (conditionValue(earlier.expression, parameters) === true) return false;
  }
  return undefined;
}

function conditionValue(condition: ts.Expression, parameters: ReadonlyMap<string, ts.Expression>): boolean | undefined {
  const node = skipOuter(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const value = conditionValue(node.operand, parameters);
    return value === undefined ? undefined : !value;
  }
  // `if (kind)` for a call that leaves `kind` out.
  if (ts.isIdentifier(node) && parameterOf(node, parameters) === OMITTED) return false;
  if (ts.isCallExpression(node) && node.arguments.length === 1 && node.expression.getText() === 'Array.isArray') {
    const argument = parameterOf(node.arguments[0]!, parameters);
    return argument ? isArrayArgument(argument) : undefined;
  }
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
    const [left, right] = [conditionValue(node.left, parameters), conditionValue(node.right, parameters)];
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return left === false || right === false ? false : left && right ? true : undefined;
    return left === true || right === true ? true : left === false && right === false ? false : undefined;
  }
  const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  const unequal = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !unequal) return undefined;
  const same = sameConstant(node.left, node.right, parameters);
  return same === undefined ? undefined : equal === same;
}

/** `Array.isArray(value)` for a caller's argument: an array literal is one; a string, template or `JSON.stringify(…)` is not. */
function isArrayArgument(argument: ts.Expression): boolean | undefined {
  if (argument === OMITTED) return false;
  const inner = skipOuter(argument);
  if (ts.isArrayLiteralExpression(inner)) return true;
  if (ts.isStringLiteralLike(inner) || ts.isTemplateExpression(inner) || ts.isNumericLiteral(inner) || ts.isObjectLiteralExpression(inner)) return false;
  if (ts.isCallExpression(inner) && /^(JSON\.stringify|String)$/.test(inner.expression.getText())) return false;
  return undefined;
}

/** Whether a parameter, read as the caller's argument, equals a constant (`type === CacheGetType.TYPE_ARRAY`). */
function sameConstant(left: ts.Expression, right: ts.Expression, parameters: ReadonlyMap<string, ts.Expression>): boolean | undefined {
  const [argument, other] = parameterOf(left, parameters) ? [parameterOf(left, parameters)!, right] : [parameterOf(right, parameters), left];
  if (!argument || !isConstantLike(other)) return undefined;
  // A parameter the call leaves out is `undefined`, which no literal or enum member is (`null` is, loosely).
  if (argument === OMITTED) return skipOuter(other).kind === ts.SyntaxKind.NullKeyword ? undefined : false;
  if (!isConstantLike(argument)) return undefined;
  return skipOuter(argument).getText() === skipOuter(other).getText();
}

/** A literal or an enum-like member (`CacheGetType.TYPE_ARRAY`): two different ones are different values. */
function isConstantLike(node: ts.Expression): boolean {
  const inner = skipOuter(node);
  if (ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner)) return true;
  if (inner.kind === ts.SyntaxKind.TrueKeyword || inner.kind === ts.SyntaxKind.FalseKeyword || inner.kind === ts.SyntaxKind.NullKeyword) return true;
  return ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression) && /^[A-Z]/.test(inner.expression.text);
}

/**
 * The caller's argument for each named parameter; a parameter it leaves out reads its default, or is
 * OMITTED when it has none.
 */
function parameterArguments(fn: ts.SignatureDeclaration, at: ts.CallExpression): Map<string, ts.Expression> {
  const map = new Map<string, ts.Expression>();
  for (const [index, parameter] of fn.parameters.entries()) {
    if (!ts.isIdentifier(parameter.name) || parameter.dotDotDotToken) continue;
    const argument = at.arguments[index];
    if (at.arguments.slice(0, index + 1).some(ts.isSpreadElement)) break;
    const value = argument ?? parameter.initializer ?? OMITTED;
    map.set(parameter.name.text, value);
  }
  return map;
}

function parameterOf(node: ts.Expression, parameters: ReadonlyMap<string, ts.Expression>): ts.Expression | undefined {
  const inner = skipOuter(node);
  return ts.isIdentifier(inner) ? parameters.get(inner.text) : undefined;
}

function parameterNames(fn: ts.SignatureDeclaration): Set<string> {
  const names = new Set<string>();
  for (const parameter of fn.parameters) if (ts.isIdentifier(parameter.name) && !parameter.dotDotDotToken) names.add(parameter.name.text);
  return names;
}

/** Whether an expression reads one of the names (`key`, `` `${prefix}:${key}` ``). */
function mentions(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(node)) return names.has(node.text) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node);
  return ts.forEachChild(node, (child) => mentions(child, names) || undefined) ?? false;
}

/** The name a helper is called by: a function's, a method's, or the `const` or object property an arrow is bound to. */
export function helperNameOf(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  // `{ members: (key) => client.sMembers(key) }`, `module.exports = { … }`: called as `cache.members(…)`.
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isPropertyAssignment(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
}

/** `helper(…)`, `this.helper(…)`, `cache.helper(…)`: the name node a helper call shows. */
function calleeName(callee: ts.Expression): ts.Identifier | ts.PrivateIdentifier | undefined {
  const node = skipOuter(callee);
  if (ts.isIdentifier(node)) return node;
  if (ts.isPropertyAccessExpression(node)) return node.name;
  return undefined;
}
