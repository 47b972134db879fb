import type { KeyPattern } from './key-pattern.js';
import { luaCommandCalls } from './lua-commands.js';
import type { LuaLiteral } from './lua-literals.js';
import type { RedisCall } from './redis-call.js';

export const SCRIPT_CALLS = ['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO'];

/**
 * Keys a Lua script of this file trims: the key a script call passes as KEYS[i] when some script
 * here trims KEYS[i] (`LTRIM`, `ZREMRANGEBYRANK`, `XTRIM`). Which script an EVALSHA runs is not
 * followed, so any trimming script vouches for its index.
 */
export function scriptTrimmedKeys(calls: readonly RedisCall[], literals: readonly LuaLiteral[], trims: ReadonlySet<string>): KeyPattern[] {
  const indexes = new Set<number>();
  for (const literal of literals) {
    for (const call of luaCommandCalls(literal.text)) {
      const declared = trims.has(call.command ?? '') && call.subject !== undefined ? /^KEYS\[(\d+)\]$/.exec(call.subject) : null;
      if (declared) indexes.add(Number(declared[1]));
    }
  }
  if (indexes.size === 0) return [];
  return calls.filter((call) => SCRIPT_CALLS.includes(call.command)).flatMap((call) => [...indexes].map((index) => call.keys[index - 1]).filter((key) => key !== undefined));
}
