import { describe, expect, it } from 'vitest';
import { analyzeText } from '@redis-lint/analyzer';

function findings(code: string): Array<{ messageId: string; text: string }> {
  return analyzeText('app.ts', code, { rules: { 'lua-declared-keys': 'error' } })
    .filter((finding) => finding.ruleId === 'lua-declared-keys')
    .map((finding) => ({ messageId: finding.messageId, text: code.slice(finding.start, finding.end) }));
}

const HEADER = "import Redis from 'ioredis';\nconst redis = new Redis();\n";

describe('Lua key accesses (lua-declared-keys)', () => {
  it('reports the key argument itself: a literal, an ARGV value, a concatenation, through a local', () => {
    const code = `${HEADER}redis.eval(\`
      redis.call('INCR', 'global')
      redis.call('GET', ARGV[1])
      local k = 'user:' .. ARGV[2]
      redis.pcall('HSET', k, 'f', ARGV[3])
    \`, 0);`;
    expect(findings(code)).toEqual([
      { messageId: 'literalKey', text: "'global'" },
      { messageId: 'argvKey', text: 'ARGV[1]' },
      { messageId: 'builtKey', text: 'k' },
    ]);
  });

  it('accepts KEYS[i], keys derived from KEYS, non-key positions, channels, strings and comments', () => {
    const code = `${HEADER}redis.eval(\`
      -- redis.call('GET', 'in-a-comment')
      local s = "redis.call('GET', 'in-a-string')"
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
      redis.call('SET', KEYS[1] .. ':meta', 'x')
      redis.call('PUBLISH', 'events', ARGV[1])
      redis.call('MGET', KEYS[1], KEYS[2])
    \`, 2, 'a', 'b');`;
    expect(findings(code)).toEqual([]);
  });

  it('reads scripts given to defineCommand, SCRIPT LOAD and through a local const', () => {
    const code = `${HEADER}const LUA = "return redis.call('GET', 'config')";
redis.defineCommand('cfg', { numberOfKeys: 0, lua: LUA });
redis.script('LOAD', "return redis.call('DEL', ARGV[1])");`;
    expect(findings(code)).toEqual([
      { messageId: 'literalKey', text: "'config'" },
      { messageId: 'argvKey', text: 'ARGV[1]' },
    ]);
  });

  it('reads node-redis scripts defined in the client options', () => {
    const code = "import { createClient, defineScript } from 'redis';\nexport const c = createClient({ scripts: { get: defineScript({ NUMBER_OF_KEYS: 0, SCRIPT: \"return redis.call('GET', 'flag')\", transformReply: (r: unknown) => r }) } });";
    expect(findings(code)).toEqual([{ messageId: 'literalKey', text: "'flag'" }]);
  });

  it('stays silent on a command name it cannot read and on keys from loops', () => {
    const code = `${HEADER}redis.eval(\`
      for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do redis.call('DEL', key) end
      redis.call(ARGV[1], 'x')
    \`, 1, 'set');`;
    expect(findings(code)).toEqual([]);
  });
});
