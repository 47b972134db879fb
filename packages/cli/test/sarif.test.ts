import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsUrl, REPOSITORY_URL } from '@redis-lint/analyzer';
import { VERSION } from '../src/package-info.js';
import { REPO_ROOT, removeDir, runCli, tempProject } from './cli-process.js';
import { SARIF_MULTITOOL, sarifSchemaErrors } from './sarif-schema.js';

const LOCK = `import Redis from 'ioredis';
const redis = new Redis({ commandTimeout: 1000 });
export async function acquireLock(id: string): Promise<void> {
  if (await redis.setnx(\`lock:\${id}\`, '1')) {
    await Promise.resolve();
    await redis.expire(\`lock:\${id}\`, 30);
  }
}
`;
const KEYS = `import Redis from 'ioredis';
const redis = new Redis({ commandTimeout: 1000 });
// redis-lint-disable-next-line no-unbounded-reads -- nothing to suppress here
export const all = () => redis.keys('*');
`;

const HELPER = `import Redis from 'ioredis';
const redis = new Redis({ commandTimeout: 1000 });
redis.on('error', (error) => console.error(error));
class Cache {
  async put(key: string, value: string) {
    return redis.set(key, value);
  }
}
const cache = new Cache();
export async function remember(id: string): Promise<void> {
  await cache.put(\`cache:item:\${id}\`, 'x');
}
`;

interface SarifResult {
  ruleId: string;
  relatedLocations?: Array<{ id: number; physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> }; message: { text: string } }>;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
  partialFingerprints: Record<string, string>;
  fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ artifactLocation: { uri: string }; replacements: Array<{ deletedRegion: Record<string, number>; insertedContent: { text: string } }> }> }>;
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; helpUri: string; shortDescription: { text: string }; help: { text: string; markdown: string } }> } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string }; descriptor: { id: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    results: SarifResult[];
  }>;
}

describe('--format sarif', () => {
  let dir = '';
  let sarifFile = '';
  let log: SarifLog;
  beforeAll(() => {
    dir = tempProject({
      'redis-lint.config.json': JSON.stringify({ rules: { 'require-lock-ttl': 'warn' } }),
      'src/lock.ts': LOCK,
      'src/with space.ts': KEYS,
      'src/binary.ts': Buffer.from([0x00, 0x01, 0x02, 0xff]),
    });
    const result = runCli(['--format', 'sarif', '--output-file', 'out/redis-lint.sarif', '--no-type-check', '--report-unused-disable-directives'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    sarifFile = path.join(dir, 'out/redis-lint.sarif');
    log = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as SarifLog;
  });
  afterAll(() => removeDir(dir));

  it('is valid against the SARIF 2.1.0 JSON schema', () => {
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
  });

  it('names the tool with version and informationUri, and describes every enabled rule with helpUri and help text', () => {
    const driver = log.runs[0]!.tool.driver;
    expect({ name: driver.name, version: driver.version, informationUri: driver.informationUri }).toEqual({ name: 'redis-lint', version: VERSION, informationUri: REPOSITORY_URL });
    const ids = driver.rules.map((rule) => rule.id);
    expect(ids).toEqual([
      'no-crossslot', 'no-hardcoded-credentials', 'no-keys-command', 'no-per-request-client', 'no-unbounded-reads', 'require-lock-ttl', 'require-timeouts', 'require-ttl', 'unused-disable-directive',
    ]);
    for (const rule of driver.rules.filter((item) => item.id !== 'unused-disable-directive')) {
      expect(rule.helpUri).toBe(docsUrl(rule.id));
      const page = path.join(REPO_ROOT, 'docs/rules', `${rule.id}.md`);
      const expected = fs.existsSync(page) ? fs.readFileSync(page, 'utf8') : `${rule.shortDescription.text}\n\nDocumentation: ${docsUrl(rule.id)}`;
      expect(rule.help).toEqual({ text: expected, markdown: expected });
    }
  });

  it('reports sorted results with repo-relative URIs, rule indexes, fingerprints and engine fixes', () => {
    const results = log.runs[0]!.results;
    const driverRules = log.runs[0]!.tool.driver.rules;
    expect(results.map((result) => [result.locations[0]!.physicalLocation.artifactLocation.uri, result.locations[0]!.physicalLocation.region.startLine, result.ruleId, result.level])).toEqual([
      ['src/lock.ts', 4, 'require-lock-ttl', 'warning'],
      ['src/with%20space.ts', 3, 'unused-disable-directive', 'error'],
      ['src/with%20space.ts', 4, 'no-keys-command', 'error'],
    ]);
    for (const result of results) {
      expect(driverRules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(result.partialFingerprints['redisLint/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(results[0]!.fixes).toEqual([
      {
        description: { text: expect.stringContaining('SETNX and a separate EXPIRE') },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/lock.ts' },
            replacements: [
              { deletedRegion: { startLine: 4, startColumn: 19, endLine: 4, endColumn: 24 }, insertedContent: { text: 'set' } },
              { deletedRegion: { startLine: 4, startColumn: 42, endLine: 4, endColumn: 42 }, insertedContent: { text: ", 'EX', 30, 'NX'" } },
              expect.objectContaining({ insertedContent: { text: '' } }),
            ],
          },
        ],
      },
    ]);
  });

  it('reports files it could not analyze as tool execution notifications', () => {
    const invocation = log.runs[0]!.invocations[0]!;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'src/binary.ts: Skipped: binary file (it contains NUL bytes).' },
        descriptor: { id: 'binary-file' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/binary.ts' } } }],
      },
    ]);
  });

  it('has results: [] when clean, and is byte-identical across runs', () => {
    const clean = tempProject({ 'src/ok.ts': "export const x = 1;\n" });
    try {
      const first = runCli(['--format', 'sarif'], clean);
      expect(first.status).toBe(0);
      const cleanLog = JSON.parse(first.stdout) as SarifLog;
      expect(cleanLog.runs[0]!.results).toEqual([]);
      expect(sarifSchemaErrors(cleanLog)).toEqual([]);
      expect(runCli(['--format', 'sarif'], clean).stdout).toBe(first.stdout);
    } finally {
      removeDir(clean);
    }
  });

  it('passes `sarif-multitool validate --rule-kind "Sarif;Gh"` with zero errors and warnings', (context) => {
    const probe = spawnSync(SARIF_MULTITOOL, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status !== 0) {
      const reason = `the SARIF multitool binary does not run here (${probe.error?.message ?? probe.stderr.trim()})`;
      if (process.env.CI === 'true') throw new Error(reason);
      context.skip(reason);
    }
    const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-validate-')), 'validation.sarif');
    const run = spawnSync(SARIF_MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh', '--output', output, sarifFile], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(0);
    const validation = JSON.parse(fs.readFileSync(output, 'utf8')) as { runs: Array<{ results: Array<{ level?: string; ruleId: string; message: { text?: string; arguments?: string[] } }> }> };
    const serious = validation.runs[0]!.results.filter((result) => result.level === 'error' || result.level === 'warning' || result.level === undefined);
    expect(serious.map((result) => `${result.ruleId}: ${JSON.stringify(result.message)}`)).toEqual([]);
    removeDir(path.dirname(output));
  });
});

describe('--format sarif, a finding at a helper\'s call', () => {
  it('carries the command inside the helper as a related location, valid against the schema', () => {
    const dir = tempProject({ 'src/cache.ts': HELPER });
    try {
      const result = runCli(['--format', 'sarif', '--no-type-check'], dir);
      expect(result.stderr).toBe('');
      const helperLog = JSON.parse(result.stdout) as SarifLog;
      expect(sarifSchemaErrors(helperLog)).toEqual([]);
      const ttl = helperLog.runs[0]!.results.find((item) => item.ruleId === 'require-ttl');
      expect(ttl?.locations[0]!.physicalLocation.region.startLine).toBe(11);
      expect(ttl?.relatedLocations).toEqual([
        { id: 1, physicalLocation: { artifactLocation: { uri: 'src/cache.ts' }, region: { startLine: 6, startColumn: 18, endLine: 6, endColumn: 33 } }, message: { text: 'SET is sent here, in `put`' } },
      ]);
    } finally {
      removeDir(dir);
    }
  });
});

describe('--format sarif, a finding at the call of a helper in another module', () => {
  it('carries the command inside the helper as a related location in that file, valid against the schema', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ name: 'cross-file-helper', private: true, dependencies: { ioredis: '^5.4.0', express: '^4.21.0' } }),
      'src/cache.js': "const Redis = require('ioredis');\nconst client = new Redis({ commandTimeout: 1000 });\nclient.on('error', () => {});\nmodule.exports = {\n  members: (key) => client.smembers(key),\n};\n",
      'src/routes.js': "const express = require('express');\nconst cache = require('./cache');\nconst router = express.Router();\nrouter.get('/:user', async (req, res) => {\n  res.json(await cache.members(`user:${req.params.user}:rooms`));\n});\nmodule.exports = router;\n",
    });
    try {
      const result = runCli(['--format', 'sarif'], dir);
      expect(result.stderr).toBe('');
      const log = JSON.parse(result.stdout) as SarifLog;
      expect(sarifSchemaErrors(log)).toEqual([]);
      const reads = log.runs[0]!.results.filter((item) => item.ruleId === 'no-unbounded-reads');
      expect(reads.map((item) => [item.locations[0]!.physicalLocation.artifactLocation.uri, item.locations[0]!.physicalLocation.region.startLine])).toEqual([['src/routes.js', 5]]);
      expect(reads[0]!.relatedLocations).toEqual([
        { id: 1, physicalLocation: { artifactLocation: { uri: 'src/cache.js' }, region: { startLine: 5, startColumn: 28, endLine: 5, endColumn: 41 } }, message: { text: 'SMEMBERS is sent here, in `members`' } },
      ]);
    } finally {
      removeDir(dir);
    }
  });
});
