import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { reporters } from '../src/reporters/index.js';
import { removeDir, runCli, tempProject } from './cli-process.js';

const APP = `import Redis from 'ioredis';
const redis = new Redis({ commandTimeout: 1000 });
export const all = () => redis.keys('user:*');
export const members = () => redis.smembers('room:1');
`;

describe('reporters', () => {
  let dir = '';
  beforeAll(() => {
    dir = tempProject({
      'redis-lint.config.json': JSON.stringify({ rules: { 'no-keys-command': 'warn' } }),
      'src/app.ts': APP,
      'src/clean.ts': 'export const answer = 42;\n',
      'src/broken.ts': Buffer.from([0x00, 0x61]),
    });
  });
  afterAll(() => removeDir(dir));

  it('are a name → function registry', () => {
    expect(Object.keys(reporters).sort()).toEqual(['github', 'json', 'junit', 'sarif', 'stylish']);
  });

  it('stylish: grouped by file, aligned, a summary line, no colours off a TTY', () => {
    const result = runCli(['--no-type-check'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'src/app.ts',
        '  3:32  warning  KEYS scans every key in the database and blocks Redis until it finishes; iterate with SCAN (scanStream({ match })) instead.  no-keys-command',
        '',
        'src/broken.ts',
        '  -  warning  Skipped: binary file (it contains NUL bytes).  binary-file',
        '',
        '✖ 1 problem (0 errors, 1 warning) in 2 files.',
        '',
      ].join('\n'),
    );
  });

  it('stylish: colours on a TTY unless NO_COLOR', async () => {
    const written: string[] = [];
    const stdout = { isTTY: true, write: (text: string) => written.push(text) };
    const stderr = { isTTY: false, write: () => true };
    expect(await main(['--no-type-check'], { cwd: dir, env: {}, stdout, stderr })).toBe(0);
    expect(written.join('')).toContain('\u001b[33mwarning\u001b[39m');
    written.length = 0;
    await main(['--no-type-check'], { cwd: dir, env: { NO_COLOR: '1' }, stdout, stderr });
    expect(written.join('')).not.toContain('\u001b[');
  });

  it('github: one workflow annotation per finding and per problem file', () => {
    const result = runCli(['--no-type-check', '--format', 'github'], dir);
    expect(result.stdout).toBe(
      '::warning file=src/broken.ts,title=redis-lint (binary-file)::Skipped: binary file (it contains NUL bytes).\n' +
        '::warning file=src/app.ts,line=3,col=32,endLine=3,endColumn=46,title=no-keys-command::KEYS scans every key in the database and blocks Redis until it finishes; iterate with SCAN (scanStream({ match })) instead.\n',
    );
  });

  it('json: files, findings with positions and fingerprints, problems and a summary', () => {
    const output = JSON.parse(runCli(['--no-type-check', '--format', 'json'], dir).stdout);
    expect(output.files.map((file: { file: string }) => file.file)).toEqual(['src/app.ts', 'src/clean.ts']);
    expect(output.files[0].findings).toEqual([
      {
        ruleId: 'no-keys-command',
        messageId: 'keysCommand',
        severity: 'warn',
        message: 'KEYS scans every key in the database and blocks Redis until it finishes; iterate with SCAN (scanStream({ match })) instead.',
        line: 3,
        column: 32,
        endLine: 3,
        endColumn: 46,
        start: 111,
        end: 125,
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        suggestions: [{ messageId: 'useScan', message: 'Replace KEYS with scanStream({ match }).', edits: [{ start: 111, end: 125, text: "scanStream({ match: 'user:*' })" }] }],
      },
    ]);
    expect(output.problems).toEqual([{ file: 'src/broken.ts', level: 'warning', kind: 'binary-file', message: 'Skipped: binary file (it contains NUL bytes).' }]);
    expect(output.summary).toEqual({ files: 2, errors: 0, warnings: 1, fixable: 0, baselined: 0, fixed: 0 });
  });

  it('junit: a suite per file, a failure per finding, an error per problem', () => {
    const result = runCli(['--no-type-check', '--format', 'junit'], dir);
    expect(result.stdout).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuites name="redis-lint" tests="3" failures="1" errors="1">',
        '  <testsuite name="src/app.ts" tests="1" failures="1" errors="0">',
        '    <testcase classname="src/app.ts" name="no-keys-command at 3:32">',
        '      <failure type="warn" message="KEYS scans every key in the database and blocks Redis until it finishes; iterate with SCAN (scanStream({ match })) instead.">src/app.ts:3:32 warn KEYS scans every key in the database and blocks Redis until it finishes; iterate with SCAN (scanStream({ match })) instead. (no-keys-command)</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="src/clean.ts" tests="1" failures="0" errors="0">',
        '    <testcase classname="src/clean.ts" name="redis-lint" />',
        '  </testsuite>',
        '  <testsuite name="src/broken.ts" tests="1" failures="0" errors="1">',
        '    <testcase classname="src/broken.ts" name="binary-file">',
        '      <error type="binary-file" message="Skipped: binary file (it contains NUL bytes)." />',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('writes several formats at once: each --output-file takes the --format before it', () => {
    const result = runCli(['--no-type-check', '--format', 'sarif', '--output-file', 'reports/a.sarif', '--format', 'junit', '-o', 'reports/a.xml', '--format', 'github'], dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'reports/a.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(fs.readFileSync(path.join(dir, 'reports/a.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(result.stdout).toMatch(/^::warning file=src\/broken.ts/);
  });
});

describe('no output ever contains a detected secret', () => {
  const PASSWORD = 'Zq7-hunter2-Pa55w0rd';
  const URL_PASSWORD = 'Xk9-url-s3cret';
  const TOKEN = 'AXk9upstashT0kenValue';
  let dir = '';
  beforeAll(() => {
    dir = tempProject({
      'src/clients.ts': `import Redis from 'ioredis';
import { Redis as Upstash } from '@upstash/redis';
export const a = new Redis({ commandTimeout: 1000, password: '${PASSWORD}' });
export const b = new Redis('redis://admin:${URL_PASSWORD}@cache.internal:6379', { commandTimeout: 1000 });
export const c = new Upstash({ url: 'https://eu1.upstash.io', token: '${TOKEN}' });
`,
    });
  });
  afterAll(() => removeDir(dir));

  for (const format of ['stylish', 'json', 'sarif', 'github', 'junit']) {
    it(`${format}`, () => {
      const result = runCli(['--no-type-check', '--format', format], dir);
      expect(result.stdout).toContain('no-hardcoded-credentials');
      for (const secret of [PASSWORD, URL_PASSWORD, TOKEN]) {
        expect(result.stdout).not.toContain(secret);
        expect(result.stderr).not.toContain(secret);
      }
    });
  }

  it('baseline file', () => {
    runCli(['--no-type-check', '--baseline', 'baseline.json', '--update-baseline'], dir);
    const baseline = fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8');
    expect(baseline).toContain('no-hardcoded-credentials');
    for (const secret of [PASSWORD, URL_PASSWORD, TOKEN]) expect(baseline).not.toContain(secret);
  });
});
