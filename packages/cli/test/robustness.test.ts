import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, removeDir, runCli, tempProject } from './cli-process.js';

const VALID = "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1000 });\nexport const all = () => redis.keys('*');\n";

interface JsonOutput {
  files: Array<{ file: string; findings: Array<{ ruleId: string; line: number }> }>;
  problems: Array<{ file: string; level: string; kind: string; message: string }>;
}

/** Makes `file` unreadable: chmod 000, or — where that does not stop reads (root) — a FIFO in its place. */
function makeUnreadable(file: string): 'chmod' | 'fifo' {
  fs.writeFileSync(file, VALID);
  fs.chmodSync(file, 0o000);
  try {
    fs.readFileSync(file);
  } catch {
    return 'chmod';
  }
  fs.rmSync(file);
  execFileSync('mkfifo', [file]);
  return 'fifo';
}

describe('bad input never crashes the run', () => {
  let dir = '';
  let unreadableBy: 'chmod' | 'fifo';
  let result: ReturnType<typeof runCli>;
  let output: JsonOutput;
  beforeAll(() => {
    let minified = "import Redis from 'ioredis';const r=new Redis({commandTimeout:5});";
    while (minified.length < 4 * 1024 * 1024) minified += `function f${minified.length}(a,b){return a+b*2-(a/b)|0};r.get("k${minified.length}");`;
    minified += "r.keys('*');";
    dir = tempProject({
      'src/valid.ts': VALID,
      'src/binary.ts': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x00, 0x01, 0xff, 0xfe]),
      'src/syntax-error.ts': `${VALID}export const broken = (;\n`,
      // A file that imports no client package is not parsed untyped: these do, so the parser meets them.
      'src/unrelated-syntax-error.ts': 'export const broken = (;\n',
      'src/deep.ts': `import Redis from 'ioredis';\nexport const x = ${'['.repeat(30_000)}${']'.repeat(30_000)};\n`,
      'src/deep-calls.ts': `import Redis from 'ioredis';\nexport const y = ${'f('.repeat(30_000)}1${')'.repeat(30_000)};\n`,
      'src/minified.js': minified,
      'src/bom-crlf.ts': `\uFEFF${VALID.replace(/\n/g, '\r\n')}`,
      'src/invalid-utf8.ts': Buffer.concat([Buffer.from(VALID), Buffer.from('// caf'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('\n')]),
    });
    unreadableBy = makeUnreadable(path.join(dir, 'src/unreadable.ts'));
    fs.symlinkSync('loop-b.ts', path.join(dir, 'src/loop-a.ts'));
    fs.symlinkSync('loop-a.ts', path.join(dir, 'src/loop-b.ts'));
    fs.symlinkSync('does-not-exist.ts', path.join(dir, 'src/dangling.ts'));
    fs.mkdirSync(path.join(dir, 'src/folder.ts'));
    fs.symlinkSync('..', path.join(dir, 'src/parent-loop'));
    result = runCli(['--no-type-check', '--format', 'json'], dir);
    output = JSON.parse(result.stdout) as JsonOutput;
  }, 300_000);
  afterAll(() => {
    try {
      fs.chmodSync(path.join(dir, 'src/unreadable.ts'), 0o644);
    } catch {
      // A FIFO was used instead.
    }
    removeDir(dir);
  });

  it('exits 0 or 1 with no stack trace', () => {
    expect([0, 1]).toContain(result.status);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });

  it('gives each bad file one clear message naming it', () => {
    expect(output.problems.map((problem) => [problem.file, problem.level, problem.kind, problem.message])).toEqual([
      ['src/binary.ts', 'warning', 'binary-file', 'Skipped: binary file (it contains NUL bytes).'],
      ['src/dangling.ts', 'error', 'unreadable-file', 'Cannot read file: broken symbolic link.'],
      ['src/deep-calls.ts', 'error', 'too-deeply-nested', expect.stringMatching(/^Skipped: the code is nested too deeply to analyze \(Maximum call stack size exceeded while (parsing|analyzing)\)\.$/)],
      ['src/deep.ts', 'error', 'too-deeply-nested', expect.stringMatching(/^Skipped: the code is nested too deeply to analyze \(Maximum call stack size exceeded while (parsing|analyzing)\)\.$/)],
      ['src/invalid-utf8.ts', 'warning', 'invalid-encoding', 'Not valid UTF-8: invalid bytes were read as U+FFFD and the file is never rewritten by --fix.'],
      ['src/loop-a.ts', 'error', 'unreadable-file', 'Cannot read file: symbolic link loop.'],
      ['src/loop-b.ts', 'error', 'unreadable-file', 'Cannot read file: symbolic link loop.'],
      ['src/syntax-error.ts', 'warning', 'syntax-error', "Syntax error at 4:24: Expression expected.; the rest of the file was analyzed."],
      ['src/unreadable.ts', 'error', 'unreadable-file', unreadableBy === 'chmod' ? 'Cannot read file: permission denied.' : 'Cannot read file: not a regular file.'],
    ]);
  });

  it('still analyzes every valid file (BOM + CRLF, invalid UTF-8, syntax errors, 4 MB minified)', () => {
    const findings = Object.fromEntries(output.files.map((file) => [file.file, file.findings.filter((finding) => finding.ruleId === 'no-keys-command').map((finding) => finding.line)]));
    expect(findings).toEqual({
      'src/bom-crlf.ts': [3],
      'src/invalid-utf8.ts': [3],
      'src/minified.js': [1],
      'src/syntax-error.ts': [3],
      // Not parsed (no client package, job queue or Lua script), so its syntax error is no problem of ours.
      'src/unrelated-syntax-error.ts': [],
      'src/valid.ts': [3],
    });
  });
});

describe('third-party code', () => {
  it('runs untyped over TypeScript’s lib, eslint/lib and the Redis clients with zero crashes', () => {
    const targets = ['node_modules/typescript/lib', 'node_modules/eslint/lib', 'node_modules/ioredis/built', 'node_modules/@redis/client/dist', 'node_modules/@upstash/redis'].filter((target) =>
      fs.existsSync(path.join(REPO_ROOT, target)),
    );
    expect(targets.length).toBeGreaterThanOrEqual(4);
    const run = runCli([...targets, '--no-type-check', '--format', 'json'], REPO_ROOT);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.status);
    const output = JSON.parse(run.stdout) as JsonOutput;
    expect(output.files.length).toBeGreaterThan(500);
    expect(output.problems.filter((problem) => problem.kind === 'internal-error')).toEqual([]);
  }, 600_000);
});
