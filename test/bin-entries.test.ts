import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lspSessionOverStdio } from '../test-support/lsp-stdio-session.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readManifest = (dir: string): { name: string; version: string; bin?: Record<string, string> } => JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
const workspaces = (readManifest('.') as unknown as { workspaces: string[] }).workspaces;
const bins = workspaces.flatMap((workspace) => Object.entries(readManifest(workspace).bin ?? {}).map(([name, target]) => ({ name, file: path.posix.join(workspace, target) })));
const temporary: string[] = [];

afterAll(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the workspace bins', () => {
  it('are committed executable files, so npm links them at install time, before any build', () => {
    expect(bins).toEqual([
      { name: 'redis-lint', file: 'packages/cli/bin/redis-lint.js' },
      { name: 'redis-lint-language-server', file: 'packages/language-server/bin/redis-lint-language-server.js' },
    ]);
    const staged = execFileSync('git', ['ls-files', '--stage', '--', ...bins.map((bin) => bin.file)], { cwd: root, encoding: 'utf8' });
    expect(staged.split('\n').filter(Boolean).map((line) => [line.slice(0, 6), line.split('\t')[1]])).toEqual(bins.map((bin) => ['100755', bin.file]));
  });

  it('say how to build when the code they load is not built yet', () => {
    const messages = bins.map((bin) => {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-bin-'));
      temporary.push(copy);
      const file = path.join(copy, 'bin', path.basename(bin.file));
      fs.mkdirSync(path.dirname(file));
      fs.copyFileSync(path.join(root, bin.file), file);
      const run = spawnSync(process.execPath, [file, '--stdio'], { encoding: 'utf8', timeout: 30_000 });
      return [run.status, run.stdout, run.stderr];
    });
    expect(messages).toEqual([
      [2, '', 'redis-lint: not built yet (no bundle/bin.js). Run `npm run build` at the root of the redis-lint repository.\n'],
      [2, '', 'redis-lint-language-server: not built yet (no dist/bin.js). Run `npm run build` at the root of the redis-lint repository.\n'],
    ]);
  });

  it('run the built CLI', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'packages/cli/bin/redis-lint.js'), '--version'], { encoding: 'utf8', timeout: 30_000 });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, `${readManifest('packages/cli').version}\n`, '']);
  });

  it('run the built language server, which answers initialize over stdio', async () => {
    const session = await lspSessionOverStdio(process.execPath, [path.join(root, 'packages/language-server/bin/redis-lint-language-server.js')], { cwd: root, rootPath: root });
    expect([session.initialized.serverInfo, session.initialized.capabilities.textDocumentSync, session.exitCode, session.stderr]).toEqual([{ name: 'redis-lint' }, 2, 0, '']);
  });
});
