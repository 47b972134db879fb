import { describe, expect, it } from 'vitest';
import { analyzeText } from '@redis-lint/analyzer';

function report(code: string): Array<{ messageId: string; line: number; message: string }> {
  return analyzeText('app.ts', code, { rules: { 'no-blocking-on-shared-client': 'error' } })
    .filter((finding) => finding.ruleId === 'no-blocking-on-shared-client')
    .map((finding) => ({ messageId: finding.messageId, line: code.slice(0, finding.start).split('\n').length, message: finding.message }));
}

describe('blocking commands on shared clients (no-blocking-on-shared-client)', () => {
  it('reports a pop that other functions wait behind, with the duplicate() suggestion for a module-scope ioredis client', () => {
    const code = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const put = (j: string) => redis.lpush('q', j);\nexport const take = () => redis.brpop('q', 5);";
    expect(report(code)).toEqual([
      {
        messageId: 'blockingOnSharedClient',
        line: 4,
        message: 'BRPOP holds the connection of redis until data arrives, and redis also sends ordinary commands (LPUSH) that wait behind it; run blocking commands on a dedicated connection (redis.duplicate()).',
      },
    ]);
    const [finding] = analyzeText('app.ts', code, { rules: { 'no-blocking-on-shared-client': 'error' } });
    expect(finding?.suggestions?.[0]?.edits).toEqual([
      { start: code.indexOf('\nexport const put'), end: code.indexOf('\nexport const put'), text: '\nconst redisBlocking = redis.duplicate();' },
      { start: code.lastIndexOf('redis.brpop'), end: code.lastIndexOf('redis.brpop') + 5, text: 'redisBlocking' },
    ]);
  });

  it('takes an instance member and a local named after it for one client across methods', () => {
    const code = [
      "import type { Redis } from 'ioredis';",
      'export class Queue {',
      '  constructor(private readonly redis: Redis) {}',
      "  send(body: string) { return this.redis.xadd('q', '*', 'b', body); }",
      "  receive() { const redis = this.redis; return redis.xread('BLOCK', 5000, 'STREAMS', 'q', '$'); }",
      '}',
    ].join('\n');
    expect(report(code).map((finding) => [finding.messageId, finding.line])).toEqual([['blockingOnSharedClient', 5]]);
  });

  it("reports a subscription on a module's one exported connection, not on a named subscriber beside a command client", () => {
    const shared = "import { createClient } from 'redis';\nconst client = createClient();\nawait client.subscribe('ch', () => {});\nexport default client;";
    expect(report(shared)).toEqual([
      {
        messageId: 'subscribeOnExportedClient',
        line: 3,
        message:
          'SUBSCRIBE puts the connection of client into subscriber mode, where Redis refuses ordinary commands, and this module exports client as its one connection for the modules that import it; subscribe on a dedicated connection (client.duplicate()).',
      },
    ]);
    const dedicated = "import { createClient } from 'redis';\nexport const subscriber = createClient();\nawait subscriber.subscribe('ch', () => {});";
    const twoClients = "import { createClient } from 'redis';\nexport const client = createClient();\nawait client.subscribe('ch', () => {});\nexport const commands = createClient();";
    const notExported = "import { createClient } from 'redis';\nconst client = createClient();\nawait client.subscribe('ch', () => {});";
    expect([dedicated, twoClients, notExported].map(report)).toEqual([[], [], []]);
  });

  it('reports ordinary commands after a SUBSCRIBE in the same function', () => {
    const code = "import { createClient } from 'redis';\nconst c = createClient();\nexport async function start() {\n  await c.subscribe('ch', () => {});\n  await c.set('k', 'v');\n}";
    expect(report(code).map((finding) => [finding.messageId, finding.line])).toEqual([['subscribeOnSharedClient', 4]]);
  });

  it.each([
    ["import Redis from 'ioredis';\nconst redis = new Redis();\nconst worker = redis.duplicate();\nexport const put = (j: string) => redis.lpush('q', j);\nexport const take = () => worker.brpop('q', 5);", 'a dedicated duplicate()'],
    ["import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function once() {\n  await redis.del('q');\n  return redis.blpop('q', 1);\n}", 'sequential commands in one function'],
    ["import Redis from 'ioredis';\nconst redis = new Redis();\nexport const a = () => redis.xread('COUNT', 1, 'STREAMS', 's', '0');\nexport const b = () => redis.get('k');", 'XREAD without BLOCK'],
    ["import Redis from 'ioredis';\nconst sub = new Redis();\nexport const a = () => sub.subscribe('a');\nexport const b = () => sub.unsubscribe('a');\nexport const c = () => sub.ping();", 'subscriber upkeep commands'],
    ["import { createClient, commandOptions } from 'redis';\nconst c = createClient();\nexport const a = () => c.blPop(commandOptions({ isolated: true }), 'q', 0);\nexport const b = () => c.get('k');", 'node-redis 4 isolated execution'],
    ["import { createClient } from 'redis';\nconst c = createClient({ RESP: 3 });\nexport const a = () => c.subscribe('ch', () => {});\nexport const b = () => c.get('k');", 'node-redis over RESP3'],
    ["import { Redis } from '@upstash/redis';\nconst r = Redis.fromEnv();\nexport const a = () => r.subscribe(['ch']);\nexport const b = () => r.get('k');", 'Upstash (HTTP)'],
  ])('accepts %#: %s', (code) => {
    expect(report(code)).toEqual([]);
  });
});
