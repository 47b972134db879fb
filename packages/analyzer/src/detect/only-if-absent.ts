import ts = require('typescript');
import { propertyNameText } from './key-resolver.js';
import type { RedisCall } from './redis-call.js';
import { setHasFlag } from './set-flag.js';

/**
 * SETNX, or SET with the NX condition in each client's spelling: ioredis `'NX'`, node-redis
 * `{ NX: true }` and (v5+) `{ condition: 'NX' }`, Upstash `{ nx: true }`, GLIDE
 * `{ conditionalSet: 'onlyIfDoesNotExist' }`.
 */
export function writesOnlyIfAbsent(call: RedisCall): boolean {
  if (call.command === 'SETNX') return true;
  if (call.command !== 'SET') return false;
  if (setHasFlag(call, 'NX')) return true;
  return call.optionObjects.some((object) =>
    object.properties.some((property) => {
      if (!ts.isPropertyAssignment(property) || !ts.isStringLiteralLike(property.initializer)) return false;
      const name = propertyNameText(property.name);
      const value = property.initializer.text;
      return (name === 'condition' && value.toUpperCase() === 'NX') || (name === 'conditionalSet' && value === 'onlyIfDoesNotExist');
    }),
  );
}
