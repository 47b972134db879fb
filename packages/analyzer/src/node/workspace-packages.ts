import fs from 'node:fs';
import path from 'node:path';

/** How deep below a monorepo's root its packages are looked for (`apps/web`, `packages/config/typescript`). */
const MAX_DEPTH = 4;
/** Folders read per monorepo at most: the listing is a fallback for a fresh clone, never a crawl. */
const MAX_FOLDERS = 5000;
const SKIPPED = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', '.turbo', 'vendor']);

const rootByDir = new Map<string, string | null>();
const packagesByRoot = new Map<string, ReadonlyMap<string, string>>();

/**
 * The folder of the workspace package `name` (`tsconfig`, `@acme/config`) in the monorepo above
 * `from`, when nothing links it into a `node_modules` there: on a fresh clone, before `npm install`
 * or `pnpm install` made the links, a tsconfig's `extends` of a workspace package resolves nowhere.
 */
export function unlinkedWorkspacePackage(from: string, name: string): string | undefined {
  const root = workspaceRoot(from);
  const dir = root === undefined ? undefined : packagesOf(root).get(name);
  return dir === undefined || isLinked(from, name) ? undefined : dir;
}

/** Whether a `node_modules` at or above `from` holds the package, as Node resolution would find it. */
function isLinked(from: string, name: string): boolean {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules', name))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/** The nearest folder at or above `dir` that declares workspaces: a package.json `workspaces`, pnpm's or lerna's file. */
function workspaceRoot(dir: string): string | undefined {
  const known = rootByDir.get(dir);
  if (known !== undefined) return known ?? undefined;
  const parent = path.dirname(dir);
  const found = declaresWorkspaces(dir) ? dir : parent === dir ? undefined : workspaceRoot(parent);
  rootByDir.set(dir, found ?? null);
  return found;
}

function declaresWorkspaces(dir: string): boolean {
  if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml')) || fs.existsSync(path.join(dir, 'lerna.json'))) return true;
  const manifest = readManifest(dir);
  return manifest !== undefined && manifest.workspaces !== undefined;
}

/** Package name → folder, for every package.json within MAX_DEPTH of the monorepo's root. */
function packagesOf(root: string): ReadonlyMap<string, string> {
  let packages = packagesByRoot.get(root);
  if (packages) return packages;
  const found = new Map<string, string>();
  let queue: string[] = [root];
  let read = 0;
  for (let depth = 0; depth <= MAX_DEPTH && queue.length > 0 && read < MAX_FOLDERS; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (++read > MAX_FOLDERS) break;
      const name = readManifest(dir)?.name;
      if (typeof name === 'string' && !found.has(name)) found.set(name, dir);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED.has(entry.name)) next.push(path.join(dir, entry.name));
    }
    queue = next;
  }
  packages = found;
  packagesByRoot.set(root, packages);
  return packages;
}

export function readManifest(dir: string): Record<string, unknown> | undefined {
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return manifest !== null && typeof manifest === 'object' ? (manifest as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
