import ts = require('typescript');
import { calleeFunction } from './callee-function.js';
import { dataTypeOf } from './command-data-type.js';
import type { DetectionContext } from './detection-context.js';
import { constantString, propertyNameText } from './key-resolver.js';
import { moduleBindingOf, skipOuter } from './module-binding.js';
import { onlyReturn } from './only-return.js';

/** A client method taken off its client to be called later: the client and the method's name. */
export interface BoundCommand {
  receiver: ts.Expression;
  method: string;
}

/**
 * The client method a plain function call invokes through a constant bound to it, as callback-era
 * code writes (node-redis 3): `const setnx = client.setnx.bind(client)`,
 * `const del = promisify(client.del).bind(client)`, `const get = util.promisify(client.get.bind(client))`.
 */
export function boundCommandOf(callee: ts.Identifier, context: DetectionContext): BoundCommand | undefined {
  if (!bindsMethods(context.sourceFile)) return undefined;
  // Only bindings of this file: a wrapper imported from another module is read by its own file's rules.
  const declaration = context.finder.local(callee);
  if (!declaration || declaration.getSourceFile() !== context.sourceFile || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  return boundExpressionOf(declaration.initializer);
}

/**
 * The client method a module's command table holds under the name a call uses: `chat.keys('group:*')`,
 * `redis.keysAsync('log *')` or `keysAsync(…)`, where a required module exports
 * `{ keys: promisify(client.keys).bind(client) }` or `{ ...client, keysAsync: … }`, or an object of this
 * file holds it. Only a name bound by an import or a `require`, or an object literal of this file, is looked up.
 */
export function boundMemberOf(callee: ts.Identifier | ts.PropertyAccessExpression, context: DetectionContext): BoundCommand | undefined {
  const value = memberValue(callee, context);
  return value && bindsMethods(value.getSourceFile()) ? boundExpressionOf(value) : undefined;
}

function memberValue(callee: ts.Identifier | ts.PropertyAccessExpression, context: DetectionContext): ts.Expression | undefined {
  const root = ts.isIdentifier(callee) ? callee : skipOuter(callee.expression);
  if (!ts.isIdentifier(root)) return undefined;
  const declaration = context.finder.local(root);
  if (!declaration) return undefined;
  if (moduleBindingOf(declaration)) {
    const exported = context.finder.exportedValue?.(callee);
    if (exported) return exported;
    // `module.exports = { ...client, keysAsync: … }` with the client's type unknown: the spread makes the whole object `any`.
    if (!ts.isIdentifier(callee)) return propertyOf(context.finder.exportedValue?.(root), callee.name.text);
    // `export const keysAsync = promisify(client.keys).bind(client)` in the other module.
    const found = context.finder.find(callee);
    return found && ts.isVariableDeclaration(found) && found.getSourceFile() !== context.sourceFile ? found.initializer : undefined;
  }
  if (ts.isIdentifier(callee) || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  return propertyOf(declaration.initializer, callee.name.text);
}

/** The value an object literal gives a property: `keys` of `{ keys: promisify(client.keys).bind(client) }`. */
function propertyOf(object: ts.Expression | undefined, name: string): ts.Expression | undefined {
  const literal = object && skipOuter(object);
  if (!literal || !ts.isObjectLiteralExpression(literal)) return undefined;
  const property = literal.properties.find((member) => ts.isPropertyAssignment(member) && propertyNameText(member.name) === name);
  return property && ts.isPropertyAssignment(property) ? property.initializer : undefined;
}

/** `promisify(client.del).bind(client)`, `client.setnx.bind(client)`, `util.promisify(client.get.bind(client))`: the method and its client. */
function boundExpressionOf(expression: ts.Expression): BoundCommand | undefined {
  const initializer = skipOuter(expression);
  const bound = bindOf(initializer);
  if (bound) {
    const promisified = promisifiedMethod(bound.target);
    if (promisified && sameReceiver(promisified.expression, bound.thisArg)) return { receiver: promisified.expression, method: promisified.name.text };
    const method = skipOuter(bound.target);
    if (ts.isPropertyAccessExpression(method) && sameReceiver(method.expression, bound.thisArg)) return { receiver: method.expression, method: method.name.text };
    return undefined;
  }
  const inner = promisifiedArgument(initializer);
  const innerBound = inner && bindOf(inner);
  const method = innerBound && skipOuter(innerBound.target);
  if (method && ts.isPropertyAccessExpression(method) && sameReceiver(method.expression, innerBound.thisArg)) return { receiver: method.expression, method: method.name.text };
  return undefined;
}

/**
 * The client method an accessor picks by name and the call then invokes: `db('zrevrange')([key, 0, -1])`
 * where `const db = (name) => promisify(client[name]).bind(client)` (or `client[name].bind(client)`), in
 * this file or a module it requires. The name is a constant, or a choice between two constants of one
 * data type (`db(desc ? 'zrevrange' : 'zrange')`), which every rule judges alike.
 */
export function namedCommandOf(call: ts.CallExpression, context: DetectionContext): (BoundCommand & { nameNode: ts.Expression }) | undefined {
  const accessor = skipOuter(call.expression);
  if (!ts.isCallExpression(accessor) || accessor.arguments.length !== 1) return undefined;
  const nameNode = accessor.arguments[0]!;
  const method = commandName(nameNode, context);
  if (!method) return undefined;
  const fn = calleeFunction(accessor.expression, context);
  const parameter = fn?.parameters.length === 1 ? fn.parameters[0]!.name : undefined;
  if (!fn || !parameter || !ts.isIdentifier(parameter)) return undefined;
  const returned = onlyReturn(fn);
  const receiver = returned && boundByName(returned, parameter.text);
  return receiver ? { receiver, method, nameNode } : undefined;
}

function commandName(node: ts.Expression, context: DetectionContext): string | undefined {
  const inner = skipOuter(node);
  if (!ts.isConditionalExpression(inner)) return constantString(inner, context);
  const [first, second] = [constantString(inner.whenTrue, context), constantString(inner.whenFalse, context)];
  if (!first || !second) return undefined;
  const type = dataTypeOf(first.toUpperCase());
  return type && type === dataTypeOf(second.toUpperCase()) ? first : undefined;
}

/** The receiver of `promisify(R[name]).bind(R)`, `R[name].bind(R)` or `promisify(R[name].bind(R))`. */
function boundByName(node: ts.Expression, name: string): ts.Expression | undefined {
  const expression = skipOuter(node);
  const bound = bindOf(expression);
  if (bound) {
    const target = skipOuter(promisifiedArgument(skipOuter(bound.target)) ?? bound.target);
    return isElementNamed(target, name) && sameReceiver(target.expression, bound.thisArg) ? target.expression : undefined;
  }
  const inner = promisifiedArgument(expression);
  const innerBound = inner && bindOf(skipOuter(inner));
  const target = innerBound && skipOuter(innerBound.target);
  return target && isElementNamed(target, name) && sameReceiver(target.expression, innerBound.thisArg) ? target.expression : undefined;
}

function isElementNamed(node: ts.Expression, name: string): node is ts.ElementAccessExpression {
  if (!ts.isElementAccessExpression(node)) return false;
  const argument = skipOuter(node.argumentExpression);
  return ts.isIdentifier(argument) && argument.text === name;
}

const bindingFiles = new WeakMap<ts.SourceFile, boolean>();

/** A bound command is made with `.bind(` or `promisify` in its own file: a file with neither has none to look up. */
function bindsMethods(sourceFile: ts.SourceFile): boolean {
  let binds = bindingFiles.get(sourceFile);
  if (binds === undefined) bindingFiles.set(sourceFile, (binds = /\.bind\s*\(|promisify/.test(sourceFile.text)));
  return binds;
}

/** `target.bind(thisArg)`. */
function bindOf(node: ts.Expression): { target: ts.Expression; thisArg: ts.Expression } | undefined {
  if (!ts.isCallExpression(node) || node.arguments.length !== 1) return undefined;
  const callee = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'bind') return undefined;
  return { target: callee.expression, thisArg: node.arguments[0]! };
}

/** `promisify(client.del)` → `client.del`. */
function promisifiedMethod(node: ts.Expression): ts.PropertyAccessExpression | undefined {
  const argument = promisifiedArgument(skipOuter(node));
  const method = argument && skipOuter(argument);
  return method && ts.isPropertyAccessExpression(method) ? method : undefined;
}

/** The argument of `promisify(x)` / `util.promisify(x)`. */
function promisifiedArgument(node: ts.Expression): ts.Expression | undefined {
  if (!ts.isCallExpression(node) || node.arguments.length !== 1) return undefined;
  const callee = skipOuter(node.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name === 'promisify' ? node.arguments[0] : undefined;
}

function sameReceiver(receiver: ts.Expression, thisArg: ts.Expression): boolean {
  return skipOuter(receiver).getText() === skipOuter(thisArg).getText();
}
