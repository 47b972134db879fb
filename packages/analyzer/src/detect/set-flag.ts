import ts = require('typescript');
import { propertyNameText } from './key-resolver.js';
import type { RedisCall } from './redis-call.js';

/**
 * Whether a SET carries a flag option in each client's spelling: the token after the value
 * (ioredis, node-redis v3: `'NX'`, `'GET'`), or `{ NX: true }` (node-redis 4+) / `{ nx: true }` (Upstash).
 */
export function setHasFlag(call: RedisCall, flag: string): boolean {
  if (call.command !== 'SET') return false;
  if (call.args.slice(2).some((arg) => arg.value?.toUpperCase() === flag)) return true;
  const names = new Set([flag, flag.toLowerCase()]);
  return call.optionObjects.some((object) =>
    object.properties.some((property) => ts.isPropertyAssignment(property) && names.has(propertyNameText(property.name) ?? '') && property.initializer.kind === ts.SyntaxKind.TrueKeyword),
  );
}
