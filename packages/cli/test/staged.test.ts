import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempProject } from './cli-process.js';

const KEYS = "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1000 });\nexport const all = () => redis.keys('*');\n";

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'ignore' });
}

describe('--staged', () => {
  let dir = '';
  afterEach(() => removeDir(dir));

  it('analyzes only the source files staged in git (added, modified; not deleted, not unstaged)', () => {
    dir = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] }),
      'src/committed.ts': KEYS,
      'src/staged.ts': KEYS,
      'src/unstaged.ts': KEYS,
      'src/deleted.ts': KEYS,
      'notes.md': 'x',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', 'src/committed.ts', 'src/deleted.ts', 'tsconfig.json');
    git(dir, 'commit', '-q', '-m', 'init');
    fs.rmSync(path.join(dir, 'src/deleted.ts'));
    git(dir, 'add', 'src/staged.ts', 'notes.md', 'src/deleted.ts');
    const result = runCli(['--staged', '--format', 'json'], path.join(dir, 'src'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const output = JSON.parse(result.stdout) as { files: Array<{ file: string; findings: Array<{ ruleId: string }> }> };
    expect(output.files.map((file) => [file.file, file.findings.map((finding) => finding.ruleId)])).toEqual([['src/staged.ts', ['no-keys-command']]]);
  });

  it('is a usage error outside a git repository', () => {
    dir = tempProject({ 'a.ts': '' });
    const result = runCli(['--staged'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^redis-lint: --staged needs a git repository: /);
  });
});
