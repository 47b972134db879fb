import { describe, expect, it } from 'vitest';
import { luaCommandCalls } from '../src/detect/lua-commands.js';
import { luaLocksWithoutTtl } from '../src/detect/lua-lock-take.js';
import { luaUnexpiredWrites } from '../src/detect/lua-unexpired-writes.js';

describe('Lua command reader', () => {
  it('gives each call its block depth: if, loops and functions open a block, end closes it', () => {
    const script = `
      redis.call('INCR', KEYS[1])
      if ARGV[1] then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
      elseif ARGV[2] then
        for i = 1, 3 do redis.call('RPUSH', KEYS[2], i) end
      end
      while false do redis.call('DEL', KEYS[3]) end
      local function touch() return redis.call('GET', KEYS[4]) end
      redis.pcall('SET', KEYS[5], 1)
    `;
    expect(luaCommandCalls(script).map((call) => [call.command, call.depth])).toEqual([
      ['INCR', 0],
      ['PEXPIRE', 1],
      ['RPUSH', 2],
      ['DEL', 1],
      ['GET', 1],
      ['SET', 0],
    ]);
  });

  it('names a key the same however the script reaches it: through single and multiple assignments, not strings or comments', () => {
    const script = `
      local lockKey, turnKey = KEYS[1], KEYS[2]
      local shadow = KEYS[1] .. ':shadow'
      -- redis.call('GET', 'commented')
      redis.call('GET', lockKey)
      redis.call('GET', turnKey)
      redis.call('SET', shadow, "redis.call('DEL', 'x')")
    `;
    expect(luaCommandCalls(script).map((call) => call.subject)).toEqual(['KEYS[1]', 'KEYS[2]', "KEYS[1]..':shadow'"]);
  });
});

describe('Lua lock takes without a TTL', () => {
  it('reports SET NX with no expiry and a GET-guarded SET whose expiry is conditional, not SET NX PX or an expiry that always follows', () => {
    const found = luaLocksWithoutTtl(`
      local lockKey = KEYS[1]
      if ARGV[2] ~= '' then return redis.call('SET', lockKey, ARGV[1], 'NX', 'PX', ARGV[2]) end
      return redis.call('SET', lockKey, ARGV[1], 'NX')
    `);
    expect(found.map((take) => [take.command, take.key, take.expiry])).toEqual([['SET NX', 'lockKey', 'none']]);
    const guarded = luaLocksWithoutTtl(`
      if redis.call('GET', KEYS[1] .. ':lock') == false then
        redis.call('SET', KEYS[1] .. ':lock', ARGV[1])
        if ARGV[2] then redis.call('PEXPIRE', KEYS[1] .. ':lock', ARGV[2]) end
      end
    `);
    expect(guarded.map((take) => [take.command, take.expiry])).toEqual([['SET', 'conditional']]);
    expect(luaLocksWithoutTtl(`
      if redis.call('SETNX', KEYS[1] .. ':lock', ARGV[1]) == 1 then redis.call('PEXPIRE', KEYS[1] .. ':lock', ARGV[2]) end
    `)).toEqual([]);
  });
});

describe('Lua writes left without a TTL', () => {
  const creating = new Set(['SET', 'INCR', 'DECRBY', 'SADD']);

  it('reports a created key only when the script expires the others it writes', () => {
    expect(luaUnexpiredWrites(`
      local n = redis.call('INCR', KEYS[1])
      redis.call('SET', KEYS[1] .. '_copy', n)
      redis.call('DECRBY', KEYS[2], 1)
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
    `, creating).map((write) => [write.command, write.key])).toEqual([['SET', "KEYS[1] .. '_copy'"]]);
    expect(luaUnexpiredWrites(`redis.call('INCR', KEYS[1]) redis.call('SADD', KEYS[2], ARGV[1])`, creating)).toEqual([]);
  });
});
