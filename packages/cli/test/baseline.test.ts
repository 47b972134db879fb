import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprints, normalizeSnippet } from '../src/fingerprint.js';
import { removeDir, runCli, tempProject } from './cli-process.js';

const HEADER = "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1000 });\n";

describe('fingerprints', () => {
  it('survive line shifts and reformatting, and tell equal snippets apart by occurrence', () => {
    const finding = (text: string, marker: string, from = 0) => {
      const start = text.indexOf(marker, from);
      return { ruleId: 'no-keys-command', messageId: 'm', message: 'm', severity: 'error' as const, file: 'a.ts', start, end: start + marker.length };
    };
    const before = "redis.keys('a')\nredis.keys('a')\n";
    const after = "\n\n// moved\nredis.keys( 'a' )\nredis.keys('a')\n";
    const first = fingerprints(before, [finding(before, "keys('a')"), finding(before, "keys('a')", 10)]);
    const second = fingerprints(after, [finding(after, "keys( 'a' )"), finding(after, "keys('a')")]);
    expect(second).toEqual(first);
    expect(first[0]).not.toBe(first[1]);
  });

  it('never hash a string literal’s contents (a secret cannot be brute-forced from a baseline)', () => {
    expect(normalizeSnippet("password: 'hunter2'")).toBe("password:'…'");
    expect(normalizeSnippet('new Redis(`redis://u:p@h`)')).toBe('newRedis(`…`)');
  });
});

describe('--baseline / --update-baseline', () => {
  let dir = '';
  afterEach(() => removeDir(dir));

  it('records current findings, then reports only new ones even after lines move', () => {
    dir = tempProject({ 'src/a.ts': `${HEADER}export const a = () => redis.keys('a:*');\n` });
    const update = runCli(['--no-type-check', '--baseline', '.redis-lint-baseline.json', '--update-baseline'], dir);
    expect(update).toEqual({ status: 0, stdout: '', stderr: 'redis-lint: baseline .redis-lint-baseline.json written with 1 finding.\n' });
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, '.redis-lint-baseline.json'), 'utf8'));
    expect(baseline).toEqual({ version: 1, findings: [{ ruleId: 'no-keys-command', file: 'src/a.ts', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) }] });

    const known = runCli(['--no-type-check', '--baseline', '.redis-lint-baseline.json'], dir);
    expect(known.status).toBe(0);
    expect(known.stdout).toBe('✔ No problems found in 1 file.\n  1 known problem hidden by the baseline.\n');

    fs.writeFileSync(path.join(dir, 'src/a.ts'), `${HEADER}\n\n// lines moved\nexport const a = () => redis.keys('a:*');\nexport const b = () => redis.keys('b:*');\n`);
    const fresh = runCli(['--no-type-check', '--baseline', '.redis-lint-baseline.json', '--format', 'json'], dir);
    expect(fresh.status).toBe(1);
    const output = JSON.parse(fresh.stdout);
    expect(output.files[0].findings.map((finding: { line: number; ruleId: string }) => [finding.line, finding.ruleId])).toEqual([[7, 'no-keys-command']]);
    expect(output.summary.baselined).toBe(1);
  });

  it('a missing baseline file is empty; a corrupt one is a usage error', () => {
    dir = tempProject({ 'src/a.ts': `${HEADER}export const a = () => redis.keys('a:*');\n`, 'bad.json': '{"version": 2}' });
    expect(runCli(['--no-type-check', '--baseline', 'none.json'], dir).status).toBe(1);
    const bad = runCli(['--no-type-check', '--baseline', 'bad.json'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(`redis-lint: ${path.join(dir, 'bad.json')}: not a redis-lint baseline (version 1); recreate it with --update-baseline.\nRun "redis-lint --help" for usage.\n`);
  });
});
