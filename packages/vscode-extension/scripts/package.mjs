// Writes redis-lint-<version>.vsix. npm workspaces need the unique npm name `redis-lint-vscode`, but
// the extension must be called `redis-lint`, so vsce runs on a staged copy whose manifest says so.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], { stdio: 'inherit' });

const staging = path.join(mkdtempSync(path.join(os.tmpdir(), 'redis-lint-vsix-')), 'extension');
const skipped = new Set(['node_modules', 'out']);
cpSync(root, staging, { recursive: true, filter: (source) => !skipped.has(path.basename(source)) && !source.endsWith('.vsix') });

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
manifest.name = 'redis-lint';
// Everything the extension runs is in the bundles; the sources' ESM `type` and the npm fields do not apply.
for (const field of ['type', 'private', 'scripts', 'dependencies', 'devDependencies']) delete manifest[field];
writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const vsix = path.join(root, `${manifest.name}-${manifest.version}.vsix`);
const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: staging, stdio: 'inherit' });
rmSync(path.dirname(staging), { recursive: true, force: true });
console.log(`Wrote ${path.relative(process.cwd(), vsix)}`);
