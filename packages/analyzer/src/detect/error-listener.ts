import ts from 'typescript';
import type { ClientRef } from './client-site.js';
import type { ClientResolver } from './client-resolver.js';
import type { DetectionContext } from './detection-context.js';
import { constantString } from './key-resolver.js';
import { skipOuter } from './module-binding.js';

/** `client.on('error', handler)` and its EventEmitter spellings. */
export interface ErrorListener {
  node: ts.CallExpression;
  /** The client the listener is attached to; `site` is undefined when it is a parameter or a typed value. */
  client: ClientRef;
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** The error listener `call` attaches to a Redis client, if it is one. */
export function errorListenerOf(call: ts.CallExpression, resolver: ClientResolver, context: DetectionContext): ErrorListener | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !LISTENER_METHODS.has(callee.name.text)) return undefined;
  const [event] = call.arguments;
  if (!event || constantString(event, context) !== 'error') return undefined;
  const client = resolver.clientOf(receiverOf(callee.expression));
  return client ? { node: call, client } : undefined;
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
