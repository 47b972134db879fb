import type { RedisCall } from './redis-call.js';
import { setHasFlag } from './set-flag.js';

/**
 * SET with the GET option (Redis 6.2+): it answers the old value, so code can use it as a
 * test-and-set (`set(mutex, '1', 'GET') !== '1'`). ioredis `'GET'`, node-redis 4+ `{ GET: true }`,
 * Upstash `{ get: true }`.
 */
export function returnsOldValue(call: RedisCall): boolean {
  return setHasFlag(call, 'GET');
}
