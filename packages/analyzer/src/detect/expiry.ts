import ts = require('typescript');
import type { RedisCall } from './redis-call.js';
import { propertyNameText } from './key-resolver.js';

const TTL_TOKENS = new Set(['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL']);
const TTL_OPTION_NAMES = new Set(['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL', 'ex', 'px', 'exat', 'pxat', 'keepTtl', 'expiration']);
/** Commands that set a TTL on their key whatever their arguments are. */
const ALWAYS_EXPIRE = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT', 'SETEX', 'PSETEX', 'HSETEX']);

/** Every command `setsExpiry` may answer yes for. */
export const EXPIRING_COMMANDS: readonly string[] = [...ALWAYS_EXPIRE, 'SET', 'GETEX'];

/**
 * SET/GETEX given a TTL (or KEEPTTL) as tokens (ioredis, node-redis v3) or an options object
 * (node-redis v4+, Upstash, GLIDE's `{ expiry: { type, count } }` or `{ expiry: "keepExisting" }`). `tokens: false` for node-redis v4+, whose `set(k, v, 'EX', 10)` ignores them.
 */
export function writesWithTtl(call: RedisCall, tokens = true): boolean {
  const tokenForm = call.args.some((arg) => arg.value !== undefined && TTL_TOKENS.has(arg.value.toUpperCase()));
  if (tokens && tokenForm) return true;
  // An argument we cannot read may carry the TTL (`set(k, v, mode, ttl)`, `set(k, v, options)`); not the seconds
  // of an `'EX', n` a client that takes no tokens drops with them.
  if (!(tokenForm && !tokens) && call.args.slice(2).some((arg) => arg.value === undefined)) return true;
  return call.optionObjects.some((object) =>
    object.properties.some((property) => {
      if (ts.isSpreadAssignment(property)) return true;
      const name = property.name && propertyNameText(property.name);
      if (name === 'expiry' && call.client.library === 'valkey-glide') return !removesTtl(property);
      return name !== undefined && TTL_OPTION_NAMES.has(name);
    }),
  );
}

/** GLIDE (2.5.2) `getex(key, { expiry: "persist" })` sends PERSIST: the key loses its TTL. */
function removesTtl(property: ts.ObjectLiteralElementLike): boolean {
  return ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer) && property.initializer.text === 'persist';
}

/** The command gives its key a TTL. */
export function setsExpiry(call: RedisCall, tokens = true): boolean {
  if (ALWAYS_EXPIRE.has(call.command)) return true;
  if (call.command === 'SET' || call.command === 'GETEX') return writesWithTtl(call, tokens);
  return false;
}
