import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithAnnotations, formatMismatch, listFixtureFiles, parseAnnotations, FIXTURES_CONFIG, FIXTURES_ROOT } from '../../../test-support/annotations.js';
import { removeDir, runCli } from './cli-process.js';

interface JsonReport {
  files: Array<{ file: string; findings: Array<{ ruleId: string; line: number }> }>;
}

/**
 * A project as a fresh clone has it: copied outside the repository, so no `node_modules` (and no
 * client package's types) is anywhere above it. A plain-JavaScript Express app with no tsconfig and
 * TypeScript projects must report exactly their annotations, as they do inside the repository.
 */
describe('npx redis-lint on a fresh clone: no node_modules, and for JavaScript no tsconfig', () => {
  let root: string;
  beforeAll(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-fresh-')));
    for (const name of PROJECTS) fs.cpSync(path.join(FIXTURES_ROOT, name), path.join(root, name), { recursive: true });
  });
  afterAll(() => removeDir(root));

  const PROJECTS = ['express-js-app', 'express-ioredis', 'nest-service', 'node-redis-worker', 'cluster-client'];
  for (const name of PROJECTS) {
    it(`${name}: exactly the annotated findings`, () => {
      const dir = path.join(root, name);
      expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
      const result = runCli(['.', '--config', FIXTURES_CONFIG, '--format', 'json'], dir);
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout) as JsonReport;
      const findings = report.files.flatMap((file) => file.findings.map((finding) => ({ file: path.resolve(dir, file.file), line: finding.line, ruleId: finding.ruleId })));
      const annotations = listFixtureFiles(dir).flatMap((file) => parseAnnotations(file, fs.readFileSync(file, 'utf8')));
      expect(annotations.filter((annotation) => annotation.kind === 'ruleid').length).toBeGreaterThan(3);
      expect(formatMismatch(compareWithAnnotations(annotations, findings), dir)).toBe('');
    });
  }

  it('express-js-app: the KEYS, SMEMBERS-in-a-handler and SET-without-TTL findings of a client kept in src/lib/redis.js', () => {
    const dir = path.join(root, 'express-js-app');
    const report = JSON.parse(runCli(['.', '--config', FIXTURES_CONFIG, '--format', 'json'], dir).stdout) as JsonReport;
    const routes = report.files.find((file) => file.file.endsWith(path.join('routes', 'sessions.js')));
    expect(routes?.findings.map((finding) => `${finding.line} ${finding.ruleId}`)).toEqual(['11 no-keys-command', '17 no-unbounded-reads', '23 require-ttl']);
  });
});
