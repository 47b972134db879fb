import ts = require('typescript');
import { propertyNameText } from './key-resolver.js';
import { skipOuter } from './module-binding.js';
import type { RedisCall } from './redis-call.js';

/** Commands that hold their connection until data arrives or a timeout passes. */
const ALWAYS_BLOCKING = new Set(['BLPOP', 'BRPOP', 'BRPOPLPUSH', 'BLMOVE', 'BLMPOP', 'BZPOPMIN', 'BZPOPMAX', 'BZMPOP']);
/** Commands that switch a RESP2 connection into subscriber mode, where only (un)subscribe and PING are allowed. */
const SUBSCRIBING = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE']);
/** Commands a blocking or subscriber connection legitimately sends besides its waiting work. */
const CONNECTION_UPKEEP = new Set(['UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SUNSUBSCRIBE', 'PING', 'QUIT', 'RESET', 'SELECT', 'CLIENT', 'AUTH', 'HELLO', 'ECHO', 'READONLY', 'READWRITE']);

export type WaitingKind = 'blocking' | 'subscribe';

/** Whether a call makes its connection wait: a blocking pop/move, XREAD(GROUP) with BLOCK, or a subscription. */
export function waitingKindOf(call: RedisCall): WaitingKind | undefined {
  if (SUBSCRIBING.has(call.command)) return 'subscribe';
  if (ALWAYS_BLOCKING.has(call.command)) return 'blocking';
  if (call.command === 'XREAD' || call.command === 'XREADGROUP') {
    if (call.args.some((arg) => arg.value?.toUpperCase() === 'BLOCK')) return 'blocking';
    // node-redis `{ BLOCK: ms }`; GLIDE (2.5.2) `{ block: ms }`.
    const option = call.client.library === 'valkey-glide' ? 'block' : 'BLOCK';
    if (call.optionObjects.some((object) => object.properties.some((property) => property.name && propertyNameText(property.name) === option))) return 'blocking';
  }
  return undefined;
}

/** A command that does ordinary work on a connection (neither waiting nor connection upkeep). */
export function isOrdinaryCommand(call: RedisCall): boolean {
  return waitingKindOf(call) === undefined && !CONNECTION_UPKEEP.has(call.command);
}

/** node-redis 4 `client.blPop(commandOptions({ isolated: true }), …)`: the command runs on a connection of its own. */
export function runsIsolated(call: RedisCall): boolean {
  return call.node.arguments.some((argument) => {
    const node = skipOuter(argument);
    if (!ts.isCallExpression(node)) return false;
    const callee = skipOuter(node.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name !== 'commandOptions') return false;
    const [options] = node.arguments;
    const object = options && skipOuter(options);
    return (
      !!object &&
      ts.isObjectLiteralExpression(object) &&
      object.properties.some((property) => ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'isolated' && property.initializer.kind === ts.SyntaxKind.TrueKeyword)
    );
  });
}
