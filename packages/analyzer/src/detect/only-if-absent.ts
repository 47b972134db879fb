import ts = require('typescript');
import { propertyNameText } from './key-resolver.js';
import type { RedisCall } from './redis-call.js';

/**
 * SETNX, or SET with the NX condition in each client's spelling: ioredis `'NX'`, node-redis
 * `{ NX: true }` and (v5+) `{ condition: 'NX' }`, Upstash `{ nx: true }`.
 */
export function writesOnlyIfAbsent(call: RedisCall): boolean {
  if (call.command === 'SETNX') return true;
  if (call.command !== 'SET') return false;
  if (call.args.slice(2).some((arg) => arg.value?.toUpperCase() === 'NX')) return true;
  return call.optionObjects.some((object) =>
    object.properties.some((property) => {
      if (!ts.isPropertyAssignment(property)) return false;
      const name = propertyNameText(property.name);
      if (name === 'NX' || name === 'nx') return property.initializer.kind === ts.SyntaxKind.TrueKeyword;
      return name === 'condition' && ts.isStringLiteralLike(property.initializer) && property.initializer.text.toUpperCase() === 'NX';
    }),
  );
}
