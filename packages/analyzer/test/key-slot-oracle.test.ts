import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText, keySlot } from '@redis-lint/analyzer';
import { redisServerMissing, startClusterNode, type RunningRedis } from '../../../test-support/redis-server.js';

const missing = redisServerMissing();
if (missing) console.warn(`[skipped] keySlot / CROSSSLOT oracle tests: ${missing}`);

/** Deterministic pseudo-random generator so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ALPHABET = ['a', 'b', 'z', '0', '9', ':', '{', '}', '{', '}', '-', '_', ' ', 'é', 'ü', '日', '本', '😀', '\u0000'.replace('\u0000', '\t')];
const EDGE_CASES = [
  '', '{', '}', '{}', '}{', '{{}}', '{{', '}}', 'foo{}{bar}', 'foo{{bar}}', 'foo{bar}{zap}', '{bar', 'bar}', 'foo{}', '{}foo', '{user1000}.following',
  '{user1000}.followers', 'foo{bar}', 'bar{bar}', '{bar}', 'a{b}c{d}', 'a{{b}}', '{a}{b}', '{}{a}', 'x{}}y', 'x{}{}y', 'user:{42}:profile', '{user:42}:a',
  '😀{😀}', '{日本}', 'key with spaces{tag}', '123456789', 'foo', 'bar', 'hello', 'session:abc',
];

function randomKeys(count: number): string[] {
  const next = random(20261122);
  const keys: string[] = [];
  for (let index = 0; index < count; index++) {
    const length = Math.floor(next() * 24);
    let key = '';
    for (let position = 0; position < length; position++) key += ALPHABET[Math.floor(next() * ALPHABET.length)];
    keys.push(key);
  }
  return keys;
}

describe.skipIf(missing !== undefined)(`keySlot against a real redis-server${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: RunningRedis;
  let client: Redis;

  beforeAll(async () => {
    server = await startClusterNode();
    client = new Redis({ port: server.port, host: '127.0.0.1', commandTimeout: 5_000, maxRetriesPerRequest: 1, lazyConnect: true });
    await client.connect();
    await client.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
    for (let attempt = 0; attempt < 100; attempt++) {
      const info = String(await client.call('CLUSTER', 'INFO'));
      if (info.includes('cluster_state:ok')) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('cluster did not reach cluster_state:ok');
  });

  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });

  it('equals CLUSTER KEYSLOT on 2,500 random keys and every hash-tag edge case', async () => {
    const keys = [...EDGE_CASES, ...randomKeys(2_500)];
    const pipeline = client.pipeline();
    for (const key of keys) pipeline.call('CLUSTER', 'KEYSLOT', key);
    const replies = (await pipeline.exec()) ?? [];
    const mismatches = keys.flatMap((key, index) => {
      const [error, slot] = replies[index] ?? [];
      if (error) throw error;
      return Number(slot) === keySlot(key) ? [] : [{ key, redis: Number(slot), ours: keySlot(key) }];
    });
    expect(keys.length).toBeGreaterThanOrEqual(2_000);
    expect(mismatches).toEqual([]);
    expect(keySlot('foo{}{bar}')).toBe(8363);
  });

  it('keys alike up to a whole {…} share a slot on the server whatever the run-time prefix before it holds', async () => {
    const code = ['import { Cluster } from "ioredis";', 'const cluster = new Cluster([], { redisOptions: { commandTimeout: 100 } });', 'export const f = (prefix: string, id: string) => cluster.mget(`${prefix}{job:${id}}:a`, `${prefix}{job:${id}}:b`);'].join('\n');
    expect(analyzeText('prefixed.ts', code).filter((finding) => finding.ruleId === 'no-crossslot')).toEqual([]);
    // Every prefix the alphabet makes, but one whose first '{' is closed at once ('x{}'): Redis then hashes the whole key.
    const prefixes = [...EDGE_CASES, ...randomKeys(500)].filter((prefix) => !/^[^{]*\{\}/.test(prefix));
    const pipeline = client.pipeline();
    for (const prefix of prefixes) for (const suffix of ['a', 'b']) pipeline.call('CLUSTER', 'KEYSLOT', `${prefix}{job:42}:${suffix}`);
    const replies = (await pipeline.exec()) ?? [];
    const split = prefixes.filter((_, index) => replies[2 * index]?.[1] !== replies[2 * index + 1]?.[1]);
    expect(prefixes.length).toBeGreaterThan(400);
    expect(split).toEqual([]);
  });

  it('predicts CROSSSLOT exactly as the server answers MGET on a cluster client', async () => {
    const pairs: Array<[string, string]> = [
      ['foo', 'bar'], ['{user:1}:a', '{user:1}:b'], ['{user:1}:a', '{user:2}:a'], ['foo{}{bar}', 'foo{}{bar}x'], ['foo{{bar}}', '{bar'],
      ['{a}x', 'a'], ['{a}x', '{a}y'], ['same', 'same'], ['{}a', '{}a'], ['123456789', '{123456789}'],
    ];
    const next = random(7);
    const pool = [...EDGE_CASES, ...randomKeys(60)];
    for (let index = 0; index < 60; index++) pairs.push([pool[Math.floor(next() * pool.length)]!, pool[Math.floor(next() * pool.length)]!]);
    const disagreements: Array<{ pair: [string, string]; redis: string; engine: boolean }> = [];
    for (const pair of pairs) {
      const code = `import { Cluster } from 'ioredis';\nconst cluster = new Cluster([]);\nexport const read = () => cluster.mget(${JSON.stringify(pair[0])}, ${JSON.stringify(pair[1])});\n`;
      const predicted = analyzeText('oracle.ts', code).some((finding) => finding.ruleId === 'no-crossslot');
      const answer = await client.mget(pair[0], pair[1]).then(
        () => 'ok',
        (error: Error) => error.message,
      );
      const crossSlot = answer.startsWith('CROSSSLOT');
      if (!crossSlot && answer !== 'ok') throw new Error(`unexpected reply for ${JSON.stringify(pair)}: ${answer}`);
      if (crossSlot !== predicted) disagreements.push({ pair, redis: answer, engine: predicted });
    }
    expect(disagreements).toEqual([]);
  });
});
