import ts = require('typescript');
import type { ClientRef } from './client-site.js';
import type { ClientResolver } from './client-resolver.js';
import { superCallsOf } from './super-calls.js';
import type { DetectionContext } from './detection-context.js';
import { constantList } from './constant-list.js';
import { constantString } from './key-resolver.js';
import { moduleBindingOf, skipOuter } from './module-binding.js';
import { storagePath } from './storage-path.js';

/** `client.on('error', handler)` and its EventEmitter spellings. */
export interface ErrorListener {
  node: ts.CallExpression;
  /** The client the listener is attached to; `site` is undefined when it is no construction of this file (a parameter, a binding annotated with a client type). */
  client: ClientRef;
  /** Attached to a function's client parameter (`function watch(client: Redis) { client.on('error', …) }`): a helper wiring whatever it is given. */
  onParameter: boolean;
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** The socket.io Redis adapters: each attaches an 'error' listener to the clients it is given. */
const SOCKET_IO_ADAPTERS = new Set(['@socket.io/redis-adapter', '@socket.io/redis-streams-adapter', 'socket.io-redis']);

/**
 * The error listeners `call` attaches to Redis clients: one, or one per client of a literal list it loops
 * over; or, for a socket.io adapter's `createAdapter(pubClient, subClient)`, one on each client it is given.
 */
export function errorListenersOf(
  call: ts.CallExpression,
  resolver: ClientResolver,
  context: DetectionContext,
  assignments: ReadonlyMap<string, readonly ts.Expression[]>,
): ErrorListener[] {
  const callee = skipOuter(call.expression);
  if (ts.isIdentifier(callee) && callee.text === 'createAdapter') return adapterListeners(call, callee, resolver, context);
  if (!ts.isPropertyAccessExpression(callee) || !LISTENER_METHODS.has(callee.name.text)) return [];
  const [event] = call.arguments;
  if (!event || !namesError(event, context)) return [];
  const receiver = receiverOf(callee.expression);
  const elements = ts.isIdentifier(receiver) ? loopedElements(receiver, context) : undefined;
  // `this.client` assigned in several branches (`createClient`, `createCluster`…): the listener covers each of them.
  const stored = elements ? [] : (assignments.get(storagePath(receiver) ?? '') ?? []);
  // `const client = clustered ? new Cluster(…) : new Redis(…)`: the listener covers both.
  const branches = ts.isIdentifier(receiver) && !elements ? conditionalBranches(receiver, context) : [];
  // `this.on('error', …)` in a subclass whose constructor calls `super(…)` in each branch: every construction is `this`.
  const constructions = receiver.kind === ts.SyntaxKind.ThisKeyword ? superCallsOf(receiver).slice(1) : [];
  return [...(elements ?? [receiver]), ...stored, ...branches, ...constructions].flatMap((expression) => {
    const onParameter = isParameter(expression, context);
    // A listener counts for a construction of this file or on a parameter; any other client known by its type alone counts for neither.
    const client = onParameter ? resolver.clientOf(expression) : resolver.constructedClientOf(expression);
    return client ? [{ node: call, client, onParameter }] : [];
  });
}

/** `createAdapter(pubClient, subClient)`, `createAdapter({ pubClient, subClient })` of a socket.io Redis adapter. */
function adapterListeners(call: ts.CallExpression, callee: ts.Identifier, resolver: ClientResolver, context: DetectionContext): ErrorListener[] {
  const declaration = context.finder.find(callee);
  const binding = declaration && moduleBindingOf(declaration);
  if (!binding || !SOCKET_IO_ADAPTERS.has(binding.module)) return [];
  const given = call.arguments.flatMap((argument): ts.Expression[] => {
    const node = skipOuter(argument);
    if (!ts.isObjectLiteralExpression(node)) return [node];
    return node.properties.flatMap((property) => (ts.isShorthandPropertyAssignment(property) ? [property.name] : ts.isPropertyAssignment(property) ? [property.initializer] : []));
  });
  return given.flatMap((expression) => {
    const client = resolver.constructedClientOf(expression);
    return client ? [{ node: call, client, onParameter: false }] : [];
  });
}

function conditionalBranches(identifier: ts.Identifier, context: DetectionContext): ts.Expression[] {
  const declaration = context.finder.find(identifier);
  const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
  return initializer && ts.isConditionalExpression(initializer) ? [initializer.whenTrue, initializer.whenFalse] : [];
}


/** `'error'`, or the variable of a loop over a literal list of event names that holds it (`lodash.map(events, (event) => client.on(event, …))`). */
function namesError(event: ts.Expression, context: DetectionContext): boolean {
  if (constantString(event, context) === 'error') return true;
  const node = skipOuter(event);
  const names = ts.isIdentifier(node) ? loopedElements(node, context) : undefined;
  return !!names?.some((name) => constantString(name, context) === 'error');
}

const ITERATING_METHODS = new Set(['forEach', 'map', 'each']);

/**
 * `for (const c of [a, b]) c.on(…)`, `[a, b].forEach((c) => c.on(…))` and lodash's `_.map(list, (c) => …)`,
 * the list literal or a constant holding one: the listed expressions.
 */
function loopedElements(identifier: ts.Identifier, context: DetectionContext): ts.Expression[] | undefined {
  const declaration = context.finder.find(identifier);
  if (!declaration) return undefined;
  let list: ts.Expression | undefined;
  if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && ts.isForOfStatement(declaration.parent.parent)) {
    list = declaration.parent.parent.expression;
  } else if (ts.isParameter(declaration) && declaration.parent.parameters[0] === declaration) {
    const fn = declaration.parent;
    const loop = fn.parent;
    const callee = ts.isCallExpression(loop) ? skipOuter(loop.expression) : undefined;
    if (callee && ts.isPropertyAccessExpression(callee) && ITERATING_METHODS.has(callee.name.text)) {
      const [first, second] = (loop as ts.CallExpression).arguments;
      if (first === fn) list = callee.expression;
      else if (second === fn) list = first;
    }
  }
  const array = list && constantList(list, context);
  return array?.elements.filter((element) => !ts.isSpreadElement(element) && !ts.isOmittedExpression(element));
}

/** `client.on('connect', …).on('error', …)`: `on` returns the emitter itself. */
function receiverOf(expression: ts.Expression): ts.Expression {
  let node = skipOuter(expression);
  while (ts.isCallExpression(node)) {
    const callee = skipOuter(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !LISTENER_METHODS.has(callee.name.text)) break;
    node = skipOuter(callee.expression);
  }
  return node;
}

function isParameter(expression: ts.Expression, context: DetectionContext): boolean {
  const node = skipOuter(expression);
  if (!ts.isIdentifier(node)) return false;
  const declaration = context.finder.find(node);
  return !!declaration && ts.isParameter(declaration);
}
