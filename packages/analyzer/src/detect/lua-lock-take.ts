import { isLockName } from './lock-key.js';
import { luaCommandCalls, luaStringValue, maskCommentsAndStrings, type LuaCommandCall } from './lua-commands.js';

/** A lock a Lua script takes with no expiry that always follows. */
export interface LuaLockWithoutTtl {
  command: 'SET NX' | 'SETNX' | 'SET';
  /** The key as the script names it. */
  key: string;
  /** Where the `redis.call` starts in the script text. */
  start: number;
  /** `conditional`: an EXPIRE follows only on some paths (`if timeout then … end`). */
  expiry: 'none' | 'conditional';
}

const TTL_OPTIONS = new Set(['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL']);
const EXPIRES = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);
const READS = new Set(['GET', 'EXISTS']);

/**
 * Locks a script takes without a TTL: SETNX or SET NX on a lock-named key, or a plain SET of one
 * the script read empty first (`GET` then `SET`), with no (P)EXPIRE of that key at the same depth after it.
 */
export function luaLocksWithoutTtl(text: string): LuaLockWithoutTtl[] {
  const code = maskCommentsAndStrings(text);
  const calls = luaCommandCalls(text, code);
  const found: LuaLockWithoutTtl[] = [];
  calls.forEach((call, index) => {
    const key = call.args[0]?.text;
    if ((call.command !== 'SET' && call.command !== 'SETNX') || key === undefined || !isLockName(key)) return;
    const options = new Set(call.args.slice(2).map((arg) => luaStringValue(arg.text)?.toUpperCase()));
    if ([...TTL_OPTIONS].some((option) => options.has(option))) return;
    const same = (other: LuaCommandCall): boolean => other.subject === call.subject;
    const readFirst = calls.slice(0, index).some((other) => READS.has(other.command ?? '') && same(other));
    const command = call.command === 'SETNX' ? 'SETNX' : options.has('NX') ? 'SET NX' : readFirst && !options.has('XX') ? 'SET' : undefined;
    if (!command) return;
    const expiries = calls.slice(index + 1).filter((other) => EXPIRES.has(other.command ?? '') && same(other));
    if (expiries.some((expiry) => expiry.depth <= call.depth)) return;
    found.push({ command, key, start: call.start, expiry: expiries.length > 0 ? 'conditional' : 'none' });
  });
  return found;
}
