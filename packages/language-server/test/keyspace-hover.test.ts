import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DidOpenTextDocumentNotification, HoverRequest, type Hover } from 'vscode-languageserver-protocol/node';
import { rules } from '@redis-lint/analyzer';
import { redisServerMissing, startRedisServer, type RunningRedis } from '../../../test-support/redis-server.js';
import { AdminClients, ALLOWED_STATS } from '../../../test-support/redis-admin.js';
import { startHarness, type Harness } from './lsp-harness.js';

const missing = redisServerMissing();
if (missing) console.warn(`[skipped] keyspace hover tests: ${missing}`);

const PASSWORD = 'hover-s3cret/@:';
const SOURCE = `import express from 'express';
import Redis from 'ioredis';

const redis = new Redis({ commandTimeout: 1000 });
redis.on('error', () => undefined);
const app = express();

app.get('/users/:id/followers', async (req, res) => {
  res.json(await redis.smembers(\`followers:\${req.params.id}\`));
});
`;
const ONLY_READS = { rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'no-unbounded-reads' ? 'error' : 'off'])) };
// Line 9 (0-based 8), inside `redis.smembers(…)`.
const ON_FINDING = { line: 8, character: 30 };

describe.skipIf(missing !== undefined)(`the hover of a diagnostic with redisLint.redisUrl${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const admin = new AdminClients(PASSWORD);
  let server: RunningRedis;
  let dir: string;
  let harness: Harness | undefined;

  beforeAll(async () => {
    server = await startRedisServer({ args: ['--requirepass', PASSWORD], lifetimeSeconds: 300 });
    for (let set = 1; set <= 4; set++) await admin.get(server.port).sadd(`followers:${set}`, ...Array.from({ length: set * 3 }, (_, member) => member));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-hover-'));
  });

  afterEach(() => {
    harness?.dispose();
    harness = undefined;
  });

  afterAll(async () => {
    admin.closeAll();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  });

  async function hoverAt(trusted: boolean | undefined, redisUrl: string, position = ON_FINDING): Promise<Hover | null> {
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: { ...ONLY_READS, redisUrl }, ...(trusted === undefined ? {} : { initializationOptions: { workspaceTrusted: trusted } }) });
    const file = path.join(dir, 'routes.ts');
    fs.writeFileSync(file, SOURCE);
    const uri = pathToFileURL(file).href;
    await harness.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE } });
    await harness.analyzed(uri, 1);
    return harness.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  it('shows the keyspace facts of the finding under the cursor, sampled read-only, without the password', async () => {
    await admin.resetStats(server.port);
    const hover = await hoverAt(true, `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}`);
    const memory = await Promise.all([1, 2, 3, 4].map(async (set) => Number(await admin.get(server.port).call('MEMORY', 'USAGE', `followers:${set}`, 'SAMPLES', '5'))));
    const [p50, max] = [[...memory].sort((a, b) => a - b)[1], Math.max(...memory)];
    expect(hover).toEqual({
      contents: {
        kind: 'markdown',
        value: `**redis-lint · live keyspace of redis://:\\*\\*\\*@127.0.0.1:${server.port}**\n\n\`\`\`text\nno-unbounded-reads: followers:* — 4 keys (set); members p50 6 / p99 12 / max 12; memory p50 ${p50} B / p99 ${max} B / max ${max} B\n\`\`\``,
      },
      range: { start: { line: 8, character: 23 }, end: { line: 8, character: 61 } },
    });
    const stats = await admin.commandStats(server.port);
    expect(Object.keys(stats).filter((command) => !ALLOWED_STATS.has(command))).toEqual([]);
    expect(stats.scan).toBe(1);
    expect(JSON.stringify(hover)).not.toContain(PASSWORD);
  });

  it('answers nothing away from a finding, and says why when the server cannot be reached', async () => {
    expect(await hoverAt(true, `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}`, { line: 3, character: 10 })).toBeNull();
    harness?.dispose();
    const unreachable = await hoverAt(true, `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:1`);
    expect(unreachable?.contents).toEqual({
      kind: 'markdown',
      value: '**redis-lint could not sample the keyspace: cannot connect to redis://:\\*\\*\\*@127.0.0.1:1 (127.0.0.1:1): connect ECONNREFUSED 127.0.0.1:1**',
    });
  });

  it('never connects unless the client says the workspace is trusted', async () => {
    await admin.resetStats(server.port);
    const url = `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}`;
    for (const trusted of [undefined, false]) {
      harness?.dispose();
      await expect(hoverAt(trusted, url)).rejects.toThrow(/Unhandled method textDocument\/hover/);
    }
    expect(await admin.commandStats(server.port)).toEqual({});
  });
});
