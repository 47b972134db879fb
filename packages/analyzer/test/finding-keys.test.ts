import { describe, expect, it } from 'vitest';
import { analyzeText, rules } from '@redis-lint/analyzer';

const ALL_ON = { rules: Object.fromEntries(rules.map((rule) => [rule.id, 'error'])), cluster: true } as const;

function keysByRule(code: string): Array<[string, unknown]> {
  return analyzeText('src/routes.ts', code, ALL_ON).map((finding) => [finding.ruleId, finding.keys]);
}

describe('Finding.keys: the key patterns a live keyspace is matched against', () => {
  it('states a read on a hot path as a glob with its command and data type', () => {
    const code = [
      "import Redis from 'ioredis';",
      "import express from 'express';",
      'const redis = new Redis({ commandTimeout: 1000 });',
      "redis.on('error', () => {});",
      'const app = express();',
      "app.get('/u/:id', async (req, res) => {",
      '  res.json(await redis.smembers(`followers:${req.params.id}`));',
      '});',
    ].join('\n');
    expect(keysByRule(code)).toEqual([['no-unbounded-reads', [{ pattern: 'followers:*', display: 'followers:${req.params.id}', command: 'SMEMBERS', dataType: 'set' }]]]);
  });

  it('escapes glob characters of the literal text and writes neighbouring run-time parts as one *', () => {
    const code = [
      "import Redis from 'ioredis';",
      'const redis = new Redis({ commandTimeout: 1000 });',
      "redis.on('error', () => {});",
      'export async function save(a: string, b: string) {',
      "  await redis.set('cfg[1]*?\\\\:' + a + b, 'v');",
      '}',
    ].join('\n');
    expect(keysByRule(code)).toEqual([['require-ttl', [{ pattern: 'cfg\\[1\\]\\*\\?\\\\:*', display: 'cfg[1]*?\\:${a}${b}', command: 'SET', dataType: 'string' }]]]);
  });

  it('gives a CROSSSLOT finding every key of the command, and no pattern to a key made only of run-time values', () => {
    const code = [
      "import Redis from 'ioredis';",
      'const redis = new Redis.Cluster([], { redisOptions: { commandTimeout: 1000 } });',
      "redis.on('error', () => {});",
      'export async function read(id: string, other: string) {',
      '  return redis.mget(`user:${id}`, `{users}:${id}:name`, other);',
      '}',
    ].join('\n');
    expect(keysByRule(code)).toEqual([
      ['no-crossslot', [
        { pattern: 'user:*', display: 'user:${id}', command: 'MGET', dataType: 'string' },
        { pattern: '{users}:*:name', display: '{users}:${id}:name', command: 'MGET', dataType: 'string' },
      ]],
      ['no-hot-hash-tag', [{ pattern: '{users}:*:name', display: '{users}:${id}:name', command: 'MGET', dataType: 'string' }]],
    ]);
  });

  it('leaves findings about clients without keys', () => {
    const code = "import Redis from 'ioredis';\nexport const redis = new Redis();\n";
    expect(keysByRule(code)).toEqual([
      ['require-error-listener', undefined],
      ['require-timeouts', undefined],
    ]);
  });
});
