import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySlot } from '@redis-lint/analyzer';
import { KeyspaceError, keyspaceFactsFor, parseRedisTarget, sampleKeyspace, type KeyspaceSample } from '@redis-lint/keyspace';
import { redisServerMissing, startCluster, startRedisServer, type RunningCluster, type RunningRedis } from '../../../test-support/redis-server.js';
import { AdminClients, ALLOWED_STATS } from '../../../test-support/redis-admin.js';

const missing = redisServerMissing();
if (missing) console.warn(`[skipped] live keyspace sampling tests: ${missing}`);

const PASSWORD = 'pw:s3cret/@#x';
const ESSENTIAL = '+scan +type +dbsize +info';
const ACL = [
  '--user', 'sampler', 'on', `>${PASSWORD}`, '~*', 'resetchannels', '-@all', ...`${ESSENTIAL} +pttl +memory|usage +scard +hlen +llen +zcard +xlen +strlen +cluster|shards +cluster|slots`.split(' '),
  '--user', 'nomemory', 'on', `>${PASSWORD}`, '~*', 'resetchannels', '-@all', ...`${ESSENTIAL} +pttl +scard +hlen +llen +zcard +xlen +strlen`.split(' '),
  '--user', 'noscan', 'on', `>${PASSWORD}`, '~*', 'resetchannels', '-@all', '+type', '+dbsize', '+info',
];
const PATTERNS = ['followers:*', 'session:*', 'events:*', 'nothing:*'];
const SMEMBERS = { ruleId: 'no-unbounded-reads', keys: [{ pattern: 'followers:*', display: 'followers:${id}', command: 'SMEMBERS', dataType: 'set' as const }] };
const SET = { ruleId: 'require-ttl', keys: [{ pattern: 'session:*', display: 'session:${id}', command: 'SET', dataType: 'string' as const }] };
const XADD = { ruleId: 'require-stream-maxlen', keys: [{ pattern: 'events:*', display: 'events:${id}', command: 'XADD', dataType: 'stream' as const }] };

/** followers:1..30 are sets of 10·i members, followers:odd a hash; 50 sessions without a TTL and 20 with one; events:1 a stream of 7 entries. */
async function seed(admin: AdminClients, port: number): Promise<void> {
  const client = admin.get(port);
  const pipeline = client.pipeline();
  for (let set = 1; set <= 30; set++) pipeline.sadd(`followers:${set}`, ...Array.from({ length: set * 10 }, (_, member) => `u${member}`));
  pipeline.hset('followers:odd', 'a', '1', 'b', '2');
  for (let session = 1; session <= 50; session++) pipeline.set(`session:${session}`, 'x'.repeat(session));
  for (let session = 1; session <= 20; session++) pipeline.set(`session:t${session}`, 'y', 'EX', 3600);
  for (let entry = 1; entry <= 7; entry++) pipeline.xadd('events:1', '*', 'n', String(entry));
  pipeline.set('other:1', 'z');
  await pipeline.exec();
}

/** The server's own MEMORY USAGE of each key (as the sampler asks it), read before the stats are reset. */
async function memoryOf(admin: AdminClients, port: number, keys: readonly string[]): Promise<number[]> {
  const pipeline = admin.get(port).pipeline();
  for (const key of keys) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '5');
  return ((await pipeline.exec()) ?? []).map(([error, value]) => {
    if (error) throw error;
    return Number(value);
  });
}

function nearestRank(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.ceil(sorted.length * 0.5) - 1]!, p99: sorted[Math.ceil(sorted.length * 0.99) - 1]!, max: sorted.at(-1)! };
}

describe.skipIf(missing !== undefined)(`sampling a live redis-server${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const admin = new AdminClients();
  let server: RunningRedis;
  let followerMemory: number[];
  let sessionMemory: number[];

  beforeAll(async () => {
    server = await startRedisServer({ args: ACL, lifetimeSeconds: 300 });
    await seed(admin, server.port);
    followerMemory = await memoryOf(admin, server.port, Array.from({ length: 30 }, (_, index) => `followers:${index + 1}`));
    sessionMemory = await memoryOf(admin, server.port, Array.from({ length: 50 }, (_, index) => `session:${index + 1}`));
  });

  afterAll(async () => {
    admin.closeAll();
    await server?.stop();
  });

  const url = (user = ''): string => `redis://${user ? `${user}:${encodeURIComponent(PASSWORD)}@` : ''}127.0.0.1:${server.port}`;

  async function sampled(user: string, options: Parameters<typeof sampleKeyspace>[2] = {}): Promise<{ sample: KeyspaceSample; stats: Record<string, number> }> {
    await admin.resetStats(server.port);
    const sample = await sampleKeyspace(parseRedisTarget(url(user)), PATTERNS, options);
    return { sample, stats: await admin.commandStats(server.port) };
  }

  it('measures counts, types, sizes, memory and TTLs exactly, with read-only commands only', async () => {
    const { sample, stats } = await sampled('sampler');
    expect(sample.summary).toEqual({
      target: `redis://sampler:***@127.0.0.1:${server.port}`,
      cluster: false,
      nodes: [`127.0.0.1:${server.port}`],
      keysInDatabase: 103,
      keysScanned: 103,
      complete: true,
      durationMs: sample.summary.durationMs,
      patterns: 4,
      unmatched: ['nothing:*'],
      warnings: [],
    });
    expect(keyspaceFactsFor(SMEMBERS, sample)).toEqual({
      pattern: 'followers:*',
      keysMatched: 31,
      keysEstimated: 31,
      keysSampled: 31,
      types: { hash: 1, set: 30 },
      sizes: { p50: 150, p99: 300, max: 300 },
      memoryBytes: nearestRank(followerMemory),
    });
    expect(keyspaceFactsFor(SET, sample)).toEqual({
      pattern: 'session:*',
      keysMatched: 70,
      keysEstimated: 70,
      keysSampled: 70,
      types: { string: 70 },
      withoutTtl: { count: 50, share: 0.7143, estimated: 50, memoryBytes: sessionMemory.reduce((sum, bytes) => sum + bytes, 0), memoryBytesEstimated: sessionMemory.reduce((sum, bytes) => sum + bytes, 0) },
    });
    expect(keyspaceFactsFor(XADD, sample)).toMatchObject({ keysMatched: 1, types: { stream: 1 }, sizes: { p50: 7, p99: 7, max: 7 } });
    // One SCAN for 103 keys; TYPE, PTTL and MEMORY USAGE once per matching key; each type's length command; AUTH; INFO for cluster detection.
    expect(stats).toEqual({ auth: 1, info: 1, dbsize: 1, scan: 1, type: 102, pttl: 102, 'memory|usage': 102, scard: 30, hlen: 1, strlen: 70, xlen: 1 });
    expect(Object.keys(stats).filter((command) => !ALLOWED_STATS.has(command))).toEqual([]);
  });

  it('gives a user without MEMORY the other facts and exactly one warning', async () => {
    const { sample, stats } = await sampled('nomemory');
    expect(sample.summary.warnings).toEqual([
      "the Redis user may not run MEMORY USAGE (NOPERM this user has no permissions to run the 'memory|usage' command); keyspace facts come without memory.",
    ]);
    expect(keyspaceFactsFor(SMEMBERS, sample)).toEqual({ pattern: 'followers:*', keysMatched: 31, keysEstimated: 31, keysSampled: 31, types: { hash: 1, set: 30 }, sizes: { p50: 150, p99: 300, max: 300 } });
    expect(keyspaceFactsFor(SET, sample)?.withoutTtl).toEqual({ count: 50, share: 0.7143, estimated: 50 });
    // The first batch asked MEMORY USAGE of each of its keys and was refused; later batches do not ask.
    expect(stats).toEqual({ auth: 1, info: 1, dbsize: 1, scan: 1, type: 102, pttl: 102, 'memory|usage': 102, scard: 30, hlen: 1, strlen: 70, xlen: 1 });
    const batched = await sampled('nomemory', { scanCount: 10, pauseMs: 0 });
    expect(batched.sample.summary.warnings).toHaveLength(1);
    expect(batched.stats['memory|usage']).toBeLessThan(15);
  });

  it('stops with a clear error when the ACL refuses an essential command, and never prints the password', async () => {
    const error = await sampleKeyspace(parseRedisTarget(url('noscan')), PATTERNS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeyspaceError);
    expect((error as Error).message).toBe(`redis://noscan:***@127.0.0.1:${server.port} refused SCAN: NOPERM this user has no permissions to run the 'scan' command`);
    const wrong = await sampleKeyspace(parseRedisTarget(`redis://sampler:${encodeURIComponent('wrong-' + PASSWORD)}@127.0.0.1:${server.port}`), PATTERNS).catch((caught: unknown) => caught);
    expect((wrong as Error).message).toBe(`cannot connect to redis://sampler:***@127.0.0.1:${server.port} (127.0.0.1:${server.port}): WRONGPASS invalid username-password pair or user is disabled.`);
  });

  it('probes at most the cap per pattern and scales the matches by the share scanned', async () => {
    const { sample, stats } = await sampled('', { maxKeysPerPattern: 3, scanCount: 10, pauseMs: 0 });
    const counts = PATTERNS.map((pattern) => sample.patterns.get(pattern)!.sampled.length);
    // nothing:* never fills its cap, so the scan goes to the end.
    expect(counts).toEqual([3, 3, 1, 0]);
    expect(sample.summary.complete).toBe(true);
    expect(sample.patterns.get('session:*')!.keysMatched).toBe(70);
    expect(stats.type).toBe(7);
  });

  it('stops scanning when every pattern has its keys, and estimates the rest from DBSIZE', async () => {
    await admin.resetStats(server.port);
    const sample = await sampleKeyspace(parseRedisTarget(url()), ['session:*', 'followers:*'], { maxKeysPerPattern: 2, scanCount: 10, pauseMs: 0 });
    const stats = await admin.commandStats(server.port);
    const { keysScanned, keysInDatabase, complete } = sample.summary;
    expect(complete).toBe(false);
    expect(stats.scan).toBeLessThan(Math.ceil(103 / 10) + 1);
    for (const pattern of ['session:*', 'followers:*']) {
      const found = sample.patterns.get(pattern)!;
      expect(found.sampled.length).toBe(2);
      expect(found.keysEstimated).toBe(Math.round((found.keysMatched * keysInDatabase) / keysScanned));
    }
  });

  it('keeps to the time budget and pauses between SCAN batches', async () => {
    const none = await sampled('', { budgetMs: 0 });
    expect(none.sample.summary).toMatchObject({ keysInDatabase: 103, keysScanned: 0, complete: false, unmatched: PATTERNS });
    expect(none.stats).toEqual({ info: 1, dbsize: 1 });
    const paced = await sampled('', { scanCount: 10, pauseMs: 40, maxKeysPerPattern: 1_000 });
    // 103 keys in batches of about 10: a pause after each batch but the last.
    expect(paced.sample.summary.durationMs).toBeGreaterThanOrEqual((paced.stats.scan! - 1) * 40);
    expect(paced.stats.scan).toBeGreaterThanOrEqual(9);
  });

  it('fails within its timeouts, with the password masked, when the server is gone or never answers', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const refused = await sampleKeyspace(parseRedisTarget(`redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${closed}`), PATTERNS).catch((caught: unknown) => caught as Error);
    expect(refused.message).toBe(`cannot connect to redis://:***@127.0.0.1:${closed} (127.0.0.1:${closed}): connect ECONNREFUSED 127.0.0.1:${closed}`);

    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const startedAt = Date.now();
      const hung = await sampleKeyspace(parseRedisTarget(`redis://127.0.0.1:${port}`), PATTERNS, { commandTimeoutMs: 300 }).catch((caught: unknown) => caught as Error);
      expect(hung.message).toBe(`sampling redis://127.0.0.1:${port} (127.0.0.1:${port}) failed at INFO: Command timed out`);
      expect(Date.now() - startedAt).toBeLessThan(3_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe.skipIf(missing !== undefined)(`sampling a 3-node cluster on loopback${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const admin = new AdminClients();
  let cluster: RunningCluster;
  const ownerOf = (slot: number): number => cluster.starts.findLastIndex((start) => start <= slot);

  beforeAll(async () => {
    cluster = await startCluster(3, admin.command);
    // Each key is written to the node that owns its slot, computed by the engine's keySlot (checked against CLUSTER KEYSLOT elsewhere).
    for (let user = 1; user <= 40; user++) {
      for (const key of [`user:${user}`, `{users}:${user}:name`]) await admin.get(cluster.nodes[ownerOf(keySlot(key))]!.port).set(key, 'v');
    }
    await Promise.all(cluster.nodes.map((node) => admin.resetStats(node.port)));
  });

  afterAll(async () => {
    admin.closeAll();
    await cluster?.stop();
  });

  it('walks every master and reports the slots and nodes the keys occupy', async () => {
    const [first] = cluster.nodes;
    const sample = await sampleKeyspace(parseRedisTarget(`redis://127.0.0.1:${first!.port}`), ['user:*', '{users}:*:name'], {});
    const addresses = cluster.nodes.map((node) => `127.0.0.1:${node.port}`).sort();
    expect(sample.summary).toMatchObject({ cluster: true, nodes: addresses, keysInDatabase: 80, keysScanned: 80, complete: true, unmatched: [] });

    const hot = keyspaceFactsFor({ ruleId: 'no-hot-hash-tag', keys: [{ pattern: '{users}:*:name', display: '{users}:${id}:name', command: 'SET', dataType: 'string' }] }, sample);
    const tagSlot = keySlot('users');
    expect(hot).toEqual({
      pattern: '{users}:*:name',
      keysMatched: 40,
      keysEstimated: 40,
      keysSampled: 40,
      types: { string: 40 },
      slots: { count: 1, values: [tagSlot] },
      nodes: [`127.0.0.1:${cluster.nodes[ownerOf(tagSlot)]!.port}`],
    });

    const userSlots = [...new Set(Array.from({ length: 40 }, (_, index) => keySlot(`user:${index + 1}`)))].sort((a, b) => a - b);
    const crossSlot = keyspaceFactsFor(
      { ruleId: 'no-crossslot', keys: [{ pattern: 'user:*', display: 'user:${id}', command: 'MGET', dataType: 'string' }, { pattern: '{users}:*:name', display: '{users}:${id}:name', command: 'MGET', dataType: 'string' }] },
      sample,
    );
    expect(crossSlot?.slots).toEqual({ count: userSlots.length });
    expect(crossSlot?.nodes).toEqual([...new Set(userSlots.map((slot) => `127.0.0.1:${cluster.nodes[ownerOf(slot)]!.port}`))].sort());
    expect(crossSlot?.otherKeys?.map((other) => other.slots)).toEqual([{ count: 1, values: [tagSlot] }]);

    for (const node of cluster.nodes) {
      const stats = await admin.commandStats(node.port);
      expect(Object.keys(stats).filter((command) => !ALLOWED_STATS.has(command))).toEqual([]);
      expect(stats.scan).toBe(1);
    }
  });

  it('refuses cluster mode on a server that is not a cluster', async () => {
    const single = await startRedisServer({ lifetimeSeconds: 120 });
    try {
      const error = await sampleKeyspace(parseRedisTarget(`redis://127.0.0.1:${single.port}`), ['a:*'], { cluster: 'cluster' }).catch((caught: unknown) => caught as Error);
      expect(error.message).toBe(`sampling redis://127.0.0.1:${single.port} (127.0.0.1:${single.port}) failed at CLUSTER SHARDS: ERR This instance has cluster support disabled`);
    } finally {
      await single.stop();
    }
  });
});
