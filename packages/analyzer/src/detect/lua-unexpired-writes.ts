import { luaCommandCalls, luaStringValue, maskCommentsAndStrings, type LuaCommandCall } from './lua-commands.js';

/** A write in a Lua script that creates a key the script never expires. */
export interface LuaUnexpiredWrite {
  command: string;
  /** The key as the script names it. */
  key: string;
  /** Where the `redis.call` starts in the script text. */
  start: number;
}

const EXPIRES = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT', 'SETEX', 'PSETEX', 'GETEX']);
const TTL_OPTIONS = new Set(['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL']);
// A decrement spends an allowance that whoever set it gave its lifetime.
const SPENDS = new Set(['DECR', 'DECRBY']);

/**
 * Creating writes of a script on keys it gives no expiry, when the script expires other keys it
 * writes: its author manages TTLs there, so a key left out (a shadow copy, a side counter) is
 * forgotten. A script that expires nothing leaves that to its caller and is not judged.
 */
export function luaUnexpiredWrites(text: string, creating: ReadonlySet<string>): LuaUnexpiredWrite[] {
  const code = maskCommentsAndStrings(text);
  const calls = luaCommandCalls(text, code);
  const withTtl = (call: LuaCommandCall): boolean =>
    EXPIRES.has(call.command ?? '') || (call.command === 'SET' && call.args.slice(2).some((arg) => TTL_OPTIONS.has(luaStringValue(arg.text)?.toUpperCase() ?? '')));
  const expired = new Set(calls.filter(withTtl).map((call) => call.subject));
  if (expired.size === 0) return [];
  return calls
    .filter((call) => creating.has(call.command ?? '') && !SPENDS.has(call.command ?? '') && !withTtl(call) && call.args[0] !== undefined && !expired.has(call.subject))
    .map((call) => ({ command: call.command!, key: call.args[0]!.text, start: call.start }));
}
