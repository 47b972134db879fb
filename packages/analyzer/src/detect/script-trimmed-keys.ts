import type { KeyPattern } from './key-pattern.js';
import { luaCommandCalls, luaLocals, maskCommentsAndStrings } from './lua-commands.js';
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
    const code = maskCommentsAndStrings(literal.text);
    const locals = luaLocals(literal.text, code);
    for (const call of luaCommandCalls(literal.text, code)) {
      const key = call.args[0]?.text;
      if (!trims.has(call.command ?? '') || key === undefined) continue;
      const declared = /^KEYS\s*\[\s*(\d+)\s*\]$/.exec(locals.get(key) ?? key) ?? /^KEYS\s*\[\s*(\d+)\s*\]$/.exec(key);
      if (declared) indexes.add(Number(declared[1]));
    }
  }
  if (indexes.size === 0) return [];
  return calls.filter((call) => SCRIPT_CALLS.includes(call.command)).flatMap((call) => [...indexes].map((index) => call.keys[index - 1]).filter((key) => key !== undefined));
}
