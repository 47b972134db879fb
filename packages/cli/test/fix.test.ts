import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, rules, type RuleDefinition } from '@redis-lint/analyzer';
import { listFixtureProjects } from '../../../test-support/annotations.js';
import { applyFixes, MAX_FIX_PASSES } from '../src/fix.js';
import { run } from '../src/run.js';
import { REPO_ROOT, removeDir, runCli, tempProject } from './cli-process.js';

const finding = (start: number, end: number, text: string) => ({
  ruleId: 'r', messageId: 'm', message: 'm', severity: 'error' as const, file: 'a.ts', start, end, fix: { message: 'm', edits: [{ start, end, text }] },
});

describe('applyFixes', () => {
  it('applies non-overlapping fixes and leaves touching or overlapping ones for the next pass', () => {
    expect(applyFixes('abcdef', [finding(0, 1, 'A'), finding(4, 5, 'E')])).toEqual({ text: 'AbcdEf', applied: 2 });
    expect(applyFixes('abcdef', [finding(0, 3, 'X'), finding(2, 4, 'Y')])).toEqual({ text: 'Xdef', applied: 1 });
    expect(applyFixes('abcdef', [finding(0, 2, 'X'), finding(2, 4, 'Y')])).toEqual({ text: 'Xcdef', applied: 1 });
    expect(applyFixes('abc', [{ ...finding(0, 1, 'A'), fix: undefined }])).toEqual({ text: 'abc', applied: 0 });
  });
});

/** A test rule: every `aa` becomes `a` (so `aaaa` needs two passes to settle). */
const halveRule: RuleDefinition = {
  id: 'halve',
  meta: { description: 'd', recommended: false, strict: false, messages: { halve: 'halve' }, schema: { type: 'object', properties: {}, additionalProperties: false }, defaultOptions: {}, fixable: true, hasSuggestions: false },
  create(context) {
    return {
      onEnd() {
        const text = context.sourceFile.text;
        for (let index = text.indexOf('aa'); index !== -1; index = text.indexOf('aa', index + 2)) context.report({ range: [index, index + 2], messageId: 'halve', fix: [{ start: index, end: index + 2, text: 'a' }] });
      },
    };
  },
};

describe('--fix passes', () => {
  it('re-analyzes and fixes until nothing changes, within MAX_FIX_PASSES', async () => {
    const dir = tempProject({ 'a.ts': 'const x = "aaaaaaaa";\n', 'b.ts': 'const y = "b";\n' });
    try {
      const { report } = await run({
        root: dir, cwd: dir, files: [path.join(dir, 'a.ts'), path.join(dir, 'b.ts')], problems: [], config: resolveConfig([halveRule], {}, 'all'),
        typeCheck: false, fix: true, baseline: undefined, reportUnusedDisableDirectives: false,
      });
      expect(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe('const x = "a";\n');
      expect(fs.readFileSync(path.join(dir, 'b.ts'), 'utf8')).toBe('const y = "b";\n');
      expect(report.fixed).toBe(4 + 2 + 1);
      expect(report.files.flatMap((file) => file.findings)).toEqual([]);
      expect(MAX_FIX_PASSES).toBe(10);
    } finally {
      removeDir(dir);
    }
  });

  it('keeps a BOM and CRLF line endings', async () => {
    const dir = tempProject({ 'a.ts': '\uFEFFconst x = "aa";\r\nconst y = 1;\r\n' });
    try {
      await run({ root: dir, cwd: dir, files: [path.join(dir, 'a.ts')], problems: [], config: resolveConfig([halveRule], {}, 'all'), typeCheck: false, fix: true, baseline: undefined, reportUnusedDisableDirectives: false });
      expect(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe('\uFEFFconst x = "a";\r\nconst y = 1;\r\n');
    } finally {
      removeDir(dir);
    }
  });
});

describe('--fix over a copy of every fixture project', () => {
  // Inside the repository so the copies resolve the real clients from its node_modules; `.cache/` is git-ignored.
  const workDir = path.join(REPO_ROOT, '.cache', `cli-fix-${process.pid}`);
  const configFile = path.join(workDir, 'all-rules.json');
  const projects = [...listFixtureProjects().map((project) => ({ name: project.name, dir: project.dir, typed: project.tsconfig !== undefined })), { name: 'cli-lock-fix', dir: '', typed: true }];
  let before: Record<string, string> = {};
  let firstOutput: { summary: { fixed: number; fixable: number }; problems: Array<{ file: string; kind: string }> };

  beforeAll(() => {
    fs.mkdirSync(workDir, { recursive: true });
    fs.writeFileSync(configFile, JSON.stringify({ rules: Object.fromEntries(rules.map((rule) => [rule.id, 'error'])) }));
    for (const project of projects) {
      if (project.dir) fs.cpSync(project.dir, path.join(workDir, project.name), { recursive: true });
    }
    // A project of our own with a site the engine fixes, so the run below is never vacuous.
    const own = path.join(workDir, 'cli-lock-fix');
    fs.mkdirSync(path.join(own, 'src'), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'fixtures/express-ioredis/tsconfig.json'), path.join(own, 'tsconfig.json'));
    fs.writeFileSync(path.join(own, 'package.json'), JSON.stringify({ name: 'cli-lock-fix', private: true, type: 'module', dependencies: { ioredis: '^5.11.1' } }));
    fs.writeFileSync(
      path.join(own, 'src/lock.ts'),
      "import { Redis } from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1000 });\nredis.on('error', () => undefined);\nexport async function acquireLock(id: string): Promise<boolean> {\n  if (await redis.setnx(`lock:${id}`, '1')) {\n    await Promise.resolve();\n    await redis.expire(`lock:${id}`, 30);\n    return true;\n  }\n  return false;\n}\n",
    );
    const first = runCli([workDir, '--fix', '--config', configFile, '--format', 'json'], REPO_ROOT);
    expect(first.stderr).toBe('');
    firstOutput = JSON.parse(first.stdout) as typeof firstOutput;
    before = snapshot(workDir);
  }, 300_000);
  afterAll(() => removeDir(workDir));

  it('fixed something and left nothing fixable, without breaking any file’s syntax', () => {
    expect(firstOutput.summary.fixed).toBeGreaterThan(0);
    expect(firstOutput.summary.fixable).toBe(0);
    expect(firstOutput.problems.filter((problem) => problem.kind === 'syntax-error')).toEqual([]);
    expect(fs.readFileSync(path.join(workDir, 'cli-lock-fix/src/lock.ts'), 'utf8')).toContain("if (await redis.set(`lock:${id}`, '1', 'EX', 30, 'NX')) {\n    await Promise.resolve();\n    return true;");
  });

  for (const project of projects.filter((item) => item.typed)) {
    it(`${project.name}: still type-checks with tsc after every fix`, () => {
      const tsc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(workDir, project.name)], { encoding: 'utf8', timeout: 170_000 });
      expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
      expect(tsc.status).toBe(0);
    }, 180_000);
  }

  it('a second --fix changes nothing', () => {
    const second = runCli([workDir, '--fix', '--config', configFile, '--format', 'json'], REPO_ROOT);
    expect((JSON.parse(second.stdout) as { summary: { fixed: number } }).summary.fixed).toBe(0);
    expect(snapshot(workDir)).toEqual(before);
  }, 300_000);
});

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => fs.statSync(path.join(dir, name)).isFile())
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]),
  );
}
