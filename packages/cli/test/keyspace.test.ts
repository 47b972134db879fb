import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySlot } from '@redis-lint/analyzer';
import { freePort, redisServerMissing, startCluster, startRedisServer, type RunningCluster, type RunningRedis } from '../../../test-support/redis-server.js';
import { makeTestCertificates, opensslMissing, type TestCertificates } from '../../../test-support/tls-certificates.js';
import { AdminClients, ALLOWED_STATS } from '../../../test-support/redis-admin.js';
import { removeDir, runCli, tempProject } from './cli-process.js';
import { sarifSchemaErrors } from './sarif-schema.js';

const missing = redisServerMissing();
if (missing) console.warn(`[skipped] redis-lint --redis-url tests: ${missing}`);
const noOpenssl = missing ?? opensslMissing();
if (!missing && noOpenssl) console.warn(`[skipped] redis-lint --redis-url over TLS: ${noOpenssl}`);

const PASSWORD = 'Tr0ub4dor&3:/@%x';
const ROUTES = `import express from 'express';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? '', { commandTimeout: 2000 });
redis.on('error', (error) => console.error(error));
const app = express();

app.get('/users/:id/followers', async (req, res) => {
  res.json(await redis.smembers(\`followers:\${req.params.id}\`));
});

app.post('/login', async (req, res) => {
  await redis.set(\`session:\${req.body.token}\`, req.body.user);
  res.sendStatus(204);
});

app.get('/feed/:id', async (req, res) => {
  res.json(await redis.lrange(\`feed:\${req.params.id}\`, 0, -1));
});
`;

interface JsonFinding {
  ruleId: string;
  line: number;
  keyspace?: Record<string, unknown>;
}
interface JsonReport {
  files: Array<{ file: string; findings: JsonFinding[] }>;
  keyspace?: { target: string; summary?: Record<string, unknown>; error?: string };
}

describe.skipIf(missing !== undefined)(`redis-lint --redis-url against a real redis-server${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const admin = new AdminClients(PASSWORD);
  let server: RunningRedis;
  let project: string;
  let url: string;
  let shownUrl: string;
  let followerMemory: number[];
  let sessionMemory: number[];
  let certificates: TestCertificates | undefined;
  let tlsPort: number;

  beforeAll(async () => {
    project = tempProject({ 'src/routes.ts': ROUTES, 'package.json': '{ "name": "demo", "private": true }\n' });
    tlsPort = await freePort();
    certificates = noOpenssl ? undefined : makeTestCertificates(project);
    const tls = certificates ? ['--tls-port', String(tlsPort), '--tls-cert-file', certificates.cert, '--tls-key-file', certificates.key, '--tls-ca-cert-file', certificates.ca, '--tls-auth-clients', 'no'] : [];
    server = await startRedisServer({
      lifetimeSeconds: 300,
      args: ['--requirepass', PASSWORD, '--user', 'nomemory', 'on', `>${PASSWORD}`, '~*', 'resetchannels', '-@all', '+scan', '+type', '+dbsize', '+info', '+pttl', '+scard', '+strlen', ...tls],
    });
    const client = admin.get(server.port);
    // followers:1..20 hold 5·i members (small integer sets: their memory stays under 1 KiB); 40 sessions without a TTL, 10 with one.
    for (let set = 1; set <= 20; set++) await client.sadd(`followers:${set}`, ...Array.from({ length: set * 5 }, (_, member) => member));
    for (let session = 1; session <= 40; session++) await client.set(`session:${session}`, 'user-json');
    for (let session = 1; session <= 10; session++) await client.set(`session:ttl${session}`, 'user-json', 'EX', 3600);
    const memory = async (keys: string[]): Promise<number[]> => Promise.all(keys.map(async (key) => Number(await client.call('MEMORY', 'USAGE', key, 'SAMPLES', '5'))));
    followerMemory = (await memory(Array.from({ length: 20 }, (_, index) => `followers:${index + 1}`))).sort((a, b) => a - b);
    sessionMemory = await memory(Array.from({ length: 40 }, (_, index) => `session:${index + 1}`));
    url = `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}`;
    shownUrl = `redis://:***@127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    admin.closeAll();
    if (project) removeDir(project);
    await server?.stop();
  });

  const expectNoSecret = (...texts: string[]): void => {
    for (const text of texts) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(encodeURIComponent(PASSWORD));
    }
  };
  const followerFacts = (): Record<string, unknown> => ({
    pattern: 'followers:*',
    keysMatched: 20,
    keysEstimated: 20,
    keysSampled: 20,
    types: { set: 20 },
    sizes: { p50: 50, p99: 100, max: 100 },
    memoryBytes: { p50: followerMemory[9], p99: followerMemory[19], max: followerMemory[19] },
  });
  const sessionBytes = (): number => sessionMemory.reduce((sum, bytes) => sum + bytes, 0);

  it('adds each finding its keyspace facts in JSON, with read-only commands only', async () => {
    await admin.resetStats(server.port);
    const run = runCli(['src', '--redis-url', url, '--format', 'json'], project);
    const stats = await admin.commandStats(server.port);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.files[0]!.findings.map(({ ruleId, line, keyspace }) => ({ ruleId, line, keyspace }))).toEqual([
      { ruleId: 'no-unbounded-reads', line: 9, keyspace: followerFacts() },
      {
        ruleId: 'require-ttl',
        line: 13,
        keyspace: {
          pattern: 'session:*',
          keysMatched: 50,
          keysEstimated: 50,
          keysSampled: 50,
          types: { string: 50 },
          withoutTtl: { count: 40, share: 0.8, estimated: 40, memoryBytes: sessionBytes(), memoryBytesEstimated: sessionBytes() },
        },
      },
      { ruleId: 'no-unbounded-reads', line: 18, keyspace: { pattern: 'feed:*', keysMatched: 0, keysEstimated: 0, keysSampled: 0, types: {} } },
    ]);
    expect(report.keyspace).toEqual({
      target: shownUrl,
      summary: {
        target: shownUrl,
        cluster: false,
        nodes: [`127.0.0.1:${server.port}`],
        keysInDatabase: 70,
        keysScanned: 70,
        complete: true,
        durationMs: (report.keyspace!.summary as { durationMs: number }).durationMs,
        patterns: 3,
        unmatched: ['feed:*'],
        warnings: [],
      },
    });
    expect(stats).toEqual({ auth: 1, info: 1, dbsize: 1, scan: 1, type: 70, pttl: 70, 'memory|usage': 70, scard: 20, strlen: 50 });
    expect(Object.keys(stats).filter((command) => !ALLOWED_STATS.has(command))).toEqual([]);
    expectNoSecret(run.stdout, run.stderr);
  });

  it('prints one indented line under each finding in stylish output, and a summary', () => {
    const run = runCli(['src', '--redis-url', url], project);
    const kib = (sessionBytes() / 1024).toFixed(1);
    const [p50, , max] = [followerMemory[9], followerMemory[19], followerMemory[19]];
    expect(run.stdout.split('\n').filter((line) => line.includes('↳') || line.includes('Keyspace'))).toEqual([
      `                ↳ followers:* — 20 keys (set); members p50 50 / p99 100 / max 100; memory p50 ${p50} B / p99 ${max} B / max ${max} B`,
      `                ↳ session:* — 50 keys (string); 40 without TTL (80 % of those sampled), ${kib} KiB`,
      '                ↳ feed:* — 0 keys',
      expect.stringMatching(new RegExp(`^  Keyspace of redis://:\\*\\*\\*@127\\.0\\.0\\.1:${server.port}: 70 keys scanned of 70 on 1 node in [\\d,]+ ms; 3 key patterns, 1 matched nothing: feed:\\*\\.$`)),
    ]);
    expectNoSecret(run.stdout, run.stderr);
  });

  it('puts the same facts in SARIF result properties, valid against the SARIF schema', () => {
    const run = runCli(['src', '--redis-url', url, '--format', 'sarif'], project);
    const log = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; properties?: { keyspace: unknown } }>; properties?: { keyspace: { target: string } } }> };
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results.map((result) => result.properties?.keyspace)).toEqual([
      followerFacts(),
      expect.objectContaining({ pattern: 'session:*', withoutTtl: { count: 40, share: 0.8, estimated: 40, memoryBytes: sessionBytes(), memoryBytesEstimated: sessionBytes() } }),
      { pattern: 'feed:*', keysMatched: 0, keysEstimated: 0, keysSampled: 0, types: {} },
    ]);
    expect(log.runs[0]!.properties?.keyspace.target).toBe(shownUrl);
    expectNoSecret(run.stdout, run.stderr);
  });

  it('never prints the password, in any format, from the flag or the environment', () => {
    const reports = path.join(project, 'reports');
    const formats = ['json', 'sarif', 'github', 'junit'].flatMap((format) => ['--format', format, '--output-file', path.join(reports, format)]);
    try {
      for (const [args, env] of [
        [['--redis-url', url], {}],
        [[], { REDIS_LINT_REDIS_URL: `redis://127.0.0.1:${server.port}`, REDIS_LINT_REDIS_PASSWORD: PASSWORD }],
      ] as const) {
        const run = runCli(['src', ...args, '--format', 'stylish', ...formats], project, env);
        expect([run.status, run.stderr]).toEqual([1, '']);
        const written = ['json', 'sarif', 'github', 'junit'].map((format) => fs.readFileSync(path.join(reports, format), 'utf8'));
        expect((JSON.parse(written[0]!) as JsonReport).files[0]!.findings[0]!.keyspace).toEqual(followerFacts());
        expectNoSecret(run.stdout, run.stderr, ...written);
      }
    } finally {
      fs.rmSync(reports, { recursive: true, force: true });
    }
  });

  it('--sort impact puts the largest measured impact first', () => {
    const run = runCli(['src', '--redis-url', url, '--sort', 'impact', '--format', 'json'], project);
    const report = JSON.parse(run.stdout) as JsonReport;
    // Memory without a TTL (all 40 sessions) outweighs the largest single SMEMBERS reply; feed:* matched nothing.
    expect(sessionBytes()).toBeGreaterThan(followerMemory[19]!);
    expect(report.files[0]!.findings.map((finding) => `${finding.ruleId}:${finding.line}`)).toEqual(['require-ttl:13', 'no-unbounded-reads:9', 'no-unbounded-reads:18']);
    expect(runCli(['src', '--sort', 'impact'], project).stderr).toBe('redis-lint: --sort impact ranks findings by live keyspace facts: give --redis-url (or REDIS_LINT_REDIS_URL).\nRun "redis-lint --help" for usage.\n');
  });

  it('samples anew on a cached run: the findings come from the cache, the facts never do', async () => {
    const cache = path.join(project, '.cache');
    try {
      const first = JSON.parse(runCli(['src', '--cache-location', cache, '--redis-url', url, '--format', 'json'], project).stdout) as JsonReport;
      // A new set between the runs: the cached run must see it.
      await admin.get(server.port).sadd('followers:new', 1, 2, 3);
      await admin.resetStats(server.port);
      const cached = runCli(['src', '--cache-location', cache, '--redis-url', url, '--format', 'json'], project);
      const second = JSON.parse(cached.stdout) as JsonReport;
      expect(fs.readdirSync(cache).length).toBeGreaterThan(0);
      expect(first.files[0]!.findings[0]!.keyspace).toEqual(followerFacts());
      expect(second.files[0]!.findings[0]!.keyspace).toMatchObject({ keysMatched: 21, keysSampled: 21, sizes: { p50: 50, p99: 100, max: 100 } });
      expect((await admin.commandStats(server.port)).scan).toBe(1);
      expect(second.files[0]!.findings.map((finding) => finding.keyspace?.pattern)).toEqual(['followers:*', 'session:*', 'feed:*']);
    } finally {
      await admin.get(server.port).del('followers:new');
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  it('reports a user without MEMORY once on stderr and gives the facts it could collect', () => {
    const run = runCli(['src', '--redis-url', `redis://nomemory:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}`, '--format', 'json'], project);
    expect(run.stderr).toBe(
      "redis-lint: keyspace: warning: the Redis user may not run MEMORY USAGE (NOPERM this user has no permissions to run the 'memory|usage' command); keyspace facts come without memory.\n",
    );
    const { memoryBytes: _memory, ...withoutMemory } = followerFacts();
    expect((JSON.parse(run.stdout) as JsonReport).files[0]!.findings[0]!.keyspace).toEqual(withoutMemory);
    expect(run.status).toBe(1);
  });

  it('exits 2 with the URL redacted when the server cannot be reached, and still prints the findings', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const run = runCli(['src', '--redis-url', `redis://admin:${encodeURIComponent(PASSWORD)}@127.0.0.1:${closed}/0`], project);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`redis-lint: keyspace: cannot connect to redis://admin:***@127.0.0.1:${closed}/0 (127.0.0.1:${closed}): connect ECONNREFUSED 127.0.0.1:${closed}\n`);
    expect(run.stdout).toContain('9:24   error  SMEMBERS in the Express handler for GET /users/:id/followers');
    expect(run.stdout).toContain(`  Keyspace not sampled: cannot connect to redis://admin:***@127.0.0.1:${closed}/0`);
    const sarif = runCli(['src', '--redis-url', `redis://admin:${encodeURIComponent(PASSWORD)}@127.0.0.1:${closed}`, '--format', 'sarif', '--exit-zero'], project);
    expect(sarif.status).toBe(2);
    const invocation = (JSON.parse(sarif.stdout) as { runs: Array<{ results: unknown[]; invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; descriptor: { id: string } }> }> }> }).runs[0]!;
    expect(invocation.results).toHaveLength(3);
    expect(invocation.invocations[0]!.executionSuccessful).toBe(false);
    expect(invocation.invocations[0]!.toolExecutionNotifications.map(({ level, descriptor }) => `${level}:${descriptor.id}`)).toEqual(['error:keyspace']);
    expectNoSecret(run.stdout, run.stderr, sarif.stdout, sarif.stderr);
  });

  it.skipIf(noOpenssl !== undefined)(`connects over TLS with rediss://, checking the certificate${noOpenssl ? ` (skipped: ${noOpenssl})` : ''}`, () => {
    const tlsUrl = `rediss://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${tlsPort}`;
    // A private CA reaches Node's trust store through NODE_EXTRA_CA_CERTS.
    const trusted = runCli(['src', '--redis-url', tlsUrl, '--format', 'json'], project, { NODE_EXTRA_CA_CERTS: certificates!.ca });
    expect(trusted.stderr).toBe('');
    expect((JSON.parse(trusted.stdout) as JsonReport).files[0]!.findings[0]!.keyspace).toEqual(followerFacts());
    const untrusted = runCli(['src', '--redis-url', tlsUrl, '--format', 'json'], project);
    expect(untrusted.status).toBe(2);
    expect(untrusted.stderr).toBe(`redis-lint: keyspace: cannot connect to rediss://:***@127.0.0.1:${tlsPort} (127.0.0.1:${tlsPort}): self-signed certificate in certificate chain\n`);
    expectNoSecret(trusted.stdout, untrusted.stdout, untrusted.stderr);
  });

  it('rejects a malformed URL before analyzing, without echoing its password', () => {
    const run = runCli(['src', '--redis-url', `redis://user:${PASSWORD}@`], project);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expectNoSecret(run.stderr);
    expect(run.stderr).toBe('redis-lint: --redis-url: the Redis URL is not a URL (expected redis://[user:password@]host[:port][/db] or rediss://…).\nRun "redis-lint --help" for usage.\n');
    const ftp = runCli(['src', '--redis-url', `ftp://user:${encodeURIComponent(PASSWORD)}@127.0.0.1`], project);
    expect(ftp.stderr).toBe('redis-lint: --redis-url: the Redis URL ftp://user:***@127.0.0.1/ must start with redis:// or rediss://.\nRun "redis-lint --help" for usage.\n');
  });
});

const CLUSTER_CODE = `import Redis from 'ioredis';

const redis = new Redis.Cluster([{ host: '127.0.0.1', port: 7000 }], { redisOptions: { commandTimeout: 1000 } });
redis.on('error', (error) => console.error(error));

export async function profile(id: string) {
  return redis.mget(\`user:\${id}\`, \`{users}:\${id}:name\`);
}
`;

describe.skipIf(missing !== undefined)(`redis-lint --redis-url --redis-cluster against a 3-node loopback cluster${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const admin = new AdminClients();
  let cluster: RunningCluster;
  let project: string;
  const ownerOf = (slot: number): string => `127.0.0.1:${cluster.nodes[cluster.starts.findLastIndex((start) => start <= slot)]!.port}`;

  beforeAll(async () => {
    cluster = await startCluster(3, admin.command);
    for (let user = 1; user <= 40; user++) {
      for (const key of [`user:${user}`, `{users}:${user}:name`]) await admin.get(Number(ownerOf(keySlot(key)).split(':')[1])).set(key, 'v');
    }
    project = tempProject({ 'src/profile.ts': CLUSTER_CODE, 'redis-lint.config.json': '{ "rules": { "no-hot-hash-tag": "error" } }\n' });
  });

  afterAll(async () => {
    admin.closeAll();
    if (project) removeDir(project);
    await cluster?.stop();
  });

  it('reports the slots and nodes the keys of a CROSSSLOT command and of a constant hash tag occupy', () => {
    const url = `redis://127.0.0.1:${cluster.nodes[1]!.port}`;
    const run = runCli(['src', '--redis-url', url, '--redis-cluster', '--format', 'json'], project);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as JsonReport;
    const tagSlot = keySlot('users');
    const userSlots = [...new Set(Array.from({ length: 40 }, (_, index) => keySlot(`user:${index + 1}`)))];
    const hot = { pattern: '{users}:*:name', keysMatched: 40, keysEstimated: 40, keysSampled: 40, types: { string: 40 }, slots: { count: 1, values: [tagSlot] }, nodes: [ownerOf(tagSlot)] };
    expect(report.files[0]!.findings.map(({ ruleId, keyspace }) => ({ ruleId, keyspace }))).toEqual([
      {
        ruleId: 'no-crossslot',
        keyspace: {
          pattern: 'user:*', keysMatched: 40, keysEstimated: 40, keysSampled: 40, types: { string: 40 },
          slots: { count: userSlots.length }, nodes: [...new Set(userSlots.map(ownerOf))].sort(),
          otherKeys: [hot],
        },
      },
      { ruleId: 'no-hot-hash-tag', keyspace: hot },
    ]);
    expect(report.keyspace?.summary).toMatchObject({ cluster: true, nodes: cluster.nodes.map((node) => `127.0.0.1:${node.port}`).sort(), keysInDatabase: 80, keysScanned: 80, complete: true });
    const stylish = runCli(['src', '--redis-url', url], project);
    expect(stylish.stdout).toContain(`↳ {users}:*:name — 40 keys (string); on 1 slot (${tagSlot}) of 1 node\n`);
    expect(stylish.stdout).toContain(' on 3 cluster masters in ');
  });
});
