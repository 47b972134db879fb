import ts = require('typescript');
import { propertyNameText } from './key-resolver.js';
import type { RedisCall } from './redis-call.js';
import { setHasFlag } from './set-flag.js';

/**
 * SETNX, or SET with the NX condition in each client's spelling: ioredis `'NX'`, node-redis
 * `{ NX: true }` and (v5+) `{ condition: 'NX' }`, Upstash `{ nx: true }`.
 */
export function writesOnlyIfAbsent(call: RedisCall): boolean {
  if (call.command === 'SETNX') return true;
  if (call.command !== 'SET') return false;
  if (setHasFlag(call, 'NX')) return true;
  return call.optionObjects.some((object) =>
    object.properties.some(
      (property) =>
        ts.isPropertyAssignment(property) &&
        propertyNameText(property.name) === 'condition' &&
        ts.isStringLiteralLike(property.initializer) &&
        property.initializer.text.toUpperCase() === 'NX',
    ),
  );
}
