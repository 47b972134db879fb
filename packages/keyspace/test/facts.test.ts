import { describe, expect, it } from 'vitest';
import { compareImpact, describeKeyspaceFacts, describeKeyspaceSummary, impactOf, keyspaceFactsFor, parseRedisTarget, redactSecret, type KeyspaceSample, type SampledKey } from '@redis-lint/keyspace';
import { compileKeyGlob } from '../src/key-glob.js';
import { percentilesOf } from '../src/percentiles.js';

const NODE = '10.0.0.1:6379';

function sample(patterns: Record<string, { matched: number; estimated?: number; keys: Array<Partial<SampledKey>> }>, cluster = false): KeyspaceSample {
  return {
    summary: { target: 'redis://r:6379', cluster, nodes: [NODE], keysInDatabase: 1_000_000, keysScanned: 100_000, complete: false, durationMs: 10_003, patterns: 2, unmatched: ['feed:*'], warnings: [] },
    patterns: new Map(
      Object.entries(patterns).map(([pattern, { matched, estimated, keys }]) => [
        pattern,
        { pattern, keysMatched: matched, keysEstimated: estimated ?? matched, sampled: keys.map((key) => ({ type: 'string', node: NODE, ...key })) },
      ]),
    ),
  };
}

describe('keyspace facts of a finding', () => {
  it('takes sizes and memory of the keys of the command type only, as nearest-rank percentiles', () => {
    const keys = [...Array.from({ length: 99 }, (_, index) => ({ type: 'set', length: index + 1, memoryBytes: 100 * (index + 1) })), { type: 'set', length: 1_900_000, memoryBytes: 3_650_722_201 }, { type: 'hash', length: 5, memoryBytes: 7 }];
    const facts = keyspaceFactsFor({ ruleId: 'no-unbounded-reads', keys: [{ pattern: 'followers:*', display: 'followers:${id}', command: 'SMEMBERS', dataType: 'set' }] }, sample({ 'followers:*': { matched: 1248, estimated: 12480, keys } }));
    expect(facts).toEqual({
      pattern: 'followers:*', keysMatched: 1248, keysEstimated: 12480, keysSampled: 101, types: { hash: 1, set: 100 },
      sizes: { p50: 50, p99: 99, max: 1_900_000 }, memoryBytes: { p50: 5000, p99: 9900, max: 3_650_722_201 },
    });
    expect(describeKeyspaceFacts(facts!, [{ pattern: 'followers:*', display: '', command: 'SMEMBERS', dataType: 'set' }])).toBe(
      'followers:* — ≈ 12,480 keys (hash 1, set 100 of those sampled), from 1,248 in the scanned share; members p50 50 / p99 99 / max 1.9 M; memory p50 4.9 KiB / p99 9.7 KiB / max 3.4 GiB',
    );
  });

  it('scales the keys without a TTL and their memory to the estimated keyspace', () => {
    const keys = [{ ttlMs: -1, memoryBytes: 1000 }, { ttlMs: -1, memoryBytes: 3000 }, { ttlMs: 5000, memoryBytes: 50 }, { ttlMs: -1, memoryBytes: 2000 }];
    const facts = keyspaceFactsFor({ ruleId: 'require-ttl', keys: [{ pattern: 'session:*', display: '', command: 'SET', dataType: 'string' }] }, sample({ 'session:*': { matched: 40, estimated: 2_800_000, keys } }));
    expect(facts?.withoutTtl).toEqual({ count: 3, share: 0.75, estimated: 2_100_000, memoryBytes: 6000, memoryBytesEstimated: 4_200_000_000 });
    expect(describeKeyspaceFacts(facts!)).toBe('session:* — ≈ 2.8 M keys (string), from 40 in the scanned share; 2.1 M without TTL (75 % of those sampled), 3.9 GiB');
    expect(impactOf(facts)).toEqual({ bytes: 4_200_000_000, count: 2_100_000 });
  });

  it('lists slots and nodes for cluster rules only, and only on a cluster', () => {
    const keys = [{ slot: 5474 }, { slot: 5474 }];
    const finding = { ruleId: 'no-hot-hash-tag', keys: [{ pattern: '{users}:*', display: '', command: 'GET', dataType: 'string' as const }] };
    expect(keyspaceFactsFor(finding, sample({ '{users}:*': { matched: 2, keys } }, true))).toMatchObject({ slots: { count: 1, values: [5474] }, nodes: [NODE] });
    expect(keyspaceFactsFor(finding, sample({ '{users}:*': { matched: 2, keys } }, false))).not.toHaveProperty('slots');
    expect(keyspaceFactsFor({ ruleId: 'no-keys-command' }, sample({}))).toBeUndefined();
  });

  it('says what the run did in one line', () => {
    expect(describeKeyspaceSummary(sample({}).summary)).toBe('100,000 keys scanned of 1.0 M (stopped at the budget or the per-pattern cap) on 1 node in 10,003 ms; 2 key patterns, 1 matched nothing: feed:*');
  });

  it('ranks bytes before counts, and keeps equal impacts in place', () => {
    const ranked = [{ bytes: 0, count: 9 }, { bytes: 10, count: 0 }, { bytes: 0, count: 0 }, { bytes: 10, count: 1 }].sort(compareImpact);
    expect(ranked).toEqual([{ bytes: 10, count: 1 }, { bytes: 10, count: 0 }, { bytes: 0, count: 9 }, { bytes: 0, count: 0 }]);
    expect(percentilesOf([])).toBeUndefined();
    expect(percentilesOf([3, 1, 2])).toEqual({ p50: 2, p99: 3, max: 3 });
  });
});

describe('Redis globs over raw key bytes', () => {
  it.each([
    ['followers:*', 'followers:42', true],
    ['followers:*', 'followers:', true],
    ['followers:*', 'Followers:1', false],
    ['cfg\\[1\\]\\*\\?\\\\:*', 'cfg[1]*?\\:x', true],
    ['cfg\\[1\\]\\*:*', 'cfg1*:x', false],
    ['user:?', 'user:7', true],
    ['user:[0-4]', 'user:7', false],
    ['user:[^0-4]', 'user:7', true],
    ['café:*', Buffer.from('café:1', 'utf8').toString('latin1'), true],
    ['a.b', 'axb', false],
  ])('%s against %s is %s', (glob, key, expected) => {
    expect(compileKeyGlob(glob)(key)).toBe(expected);
  });
});

describe('the Redis URL', () => {
  it('takes credentials from the URL or the environment, and prints neither password', () => {
    const target = parseRedisTarget('rediss://reader:p%40ss%2Fw0rd@cache.internal:6380/2');
    expect(target).toEqual({ host: 'cache.internal', port: 6380, tls: true, username: 'reader', password: 'p@ss/w0rd', db: 2, display: 'rediss://reader:***@cache.internal:6380/2' });
    expect(parseRedisTarget('redis://[::1]', { REDIS_LINT_REDIS_USERNAME: 'u', REDIS_LINT_REDIS_PASSWORD: 'from-env' })).toEqual({ host: '::1', port: 6379, tls: false, username: 'u', password: 'from-env', db: 0, display: 'redis://[::1]' });
    expect(redactSecret('WRONGPASS p@ss/w0rd and p%40ss%2Fw0rd', target)).toBe('WRONGPASS *** and ***');
    expect(() => parseRedisTarget('redis://h/x')).toThrow('the Redis URL redis://h/x has "x" where a database number belongs.');
  });
});
