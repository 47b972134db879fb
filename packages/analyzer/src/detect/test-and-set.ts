import ts = require('typescript');
import { propertyNameText } from './key-resolver.js';
import type { RedisCall } from './redis-call.js';

/**
 * SET with the GET option (Redis 6.2+): it answers the old value, so code can use it as a
 * test-and-set (`set(mutex, '1', 'GET') !== '1'`). ioredis `'GET'`, node-redis 4+ `{ GET: true }`,
 * Upstash `{ get: true }`.
 */
export function returnsOldValue(call: RedisCall): boolean {
  if (call.command !== 'SET') return false;
  if (call.args.slice(2).some((arg) => arg.value?.toUpperCase() === 'GET')) return true;
  return call.optionObjects.some((object) =>
    object.properties.some((property) => {
      if (!ts.isPropertyAssignment(property)) return false;
      const name = propertyNameText(property.name);
      return (name === 'GET' || name === 'get') && property.initializer.kind === ts.SyntaxKind.TrueKeyword;
    }),
  );
}
