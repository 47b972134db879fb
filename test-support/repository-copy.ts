import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * A temporary copy of the repository: its files (tracked and new, not ignored), the build outputs
 * with their times kept (so `tsc -b` rebuilds only what changes), and a node_modules whose entries
 * link to this repository's, except the workspace packages, which link to the copy's own.
 */
export function copyRepository(prefix: string): string {
  const copy = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPOSITORY_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of listed) {
    const from = path.join(REPOSITORY_ROOT, file);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.cpSync(from, path.join(copy, file), { preserveTimestamps: true });
  }
  const workspaces = (JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  for (const workspace of workspaces) {
    for (const built of ['dist', 'bundle', 'out', 'tsconfig.tsbuildinfo']) {
      const from = path.join(REPOSITORY_ROOT, workspace, built);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(copy, workspace, built), { recursive: true, preserveTimestamps: true });
    }
    const nested = path.join(REPOSITORY_ROOT, workspace, 'node_modules');
    if (fs.existsSync(nested)) fs.symlinkSync(nested, path.join(copy, workspace, 'node_modules'));
  }
  const ownPackages = new Map(workspaces.map((workspace) => [(JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, workspace, 'package.json'), 'utf8')) as { name: string }).name, workspace]));
  linkModules(path.join(REPOSITORY_ROOT, 'node_modules'), path.join(copy, 'node_modules'), '', ownPackages, copy);
  return copy;
}

function linkModules(from: string, to: string, scope: string, ownPackages: ReadonlyMap<string, string>, copy: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from)) {
    const name = scope === '' ? entry : `${scope}/${entry}`;
    const own = ownPackages.get(name);
    if (own !== undefined) fs.symlinkSync(path.join(copy, own), path.join(to, entry));
    else if (scope === '' && entry.startsWith('@') && [...ownPackages.keys()].some((packageName) => packageName.startsWith(`${entry}/`))) linkModules(path.join(from, entry), path.join(to, entry), entry, ownPackages, copy);
    else fs.symlinkSync(path.join(from, entry), path.join(to, entry));
  }
}
