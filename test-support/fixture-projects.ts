import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of `fixtures/`. */
export const FIXTURES_ROOT = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** `fixtures/redis-lint.config.json`: every rule on at `error` (`"extends": "all"`). */
export const FIXTURES_CONFIG = path.join(FIXTURES_ROOT, 'redis-lint.config.json');

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'types', 'dist', '.next']);

/** One sample project under `fixtures/`. */
export interface FixtureProject {
  name: string;
  /** Absolute directory. */
  dir: string;
  /** Absolute path of its `tsconfig.json`; undefined for projects analyzed untyped (plain JavaScript). */
  tsconfig: string | undefined;
  /** Client versions from the `package.json` dependency ranges (`^5.11.1` → `5.11.1`), the shape of the engine's `ClientVersions`. */
  clientVersions: { ioredis?: string; redis?: string; upstash?: string };
  /** Its annotated source files (absolute, sorted). */
  files: string[];
}

/** Every fixture project, sorted by name. Hidden directories (temporary copies made by other tests) are skipped. */
export function listFixtureProjects(root = FIXTURES_ROOT): FixtureProject[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && fs.existsSync(path.join(root, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const tsconfig = path.join(dir, 'tsconfig.json');
      return {
        name,
        dir,
        tsconfig: fs.existsSync(tsconfig) ? tsconfig : undefined,
        clientVersions: clientVersionsOf(dir),
        files: listFixtureFiles(dir),
      };
    });
}

/** Every annotated source file (`.ts .tsx .js .mjs .cjs …`) under `dir`, without `types/` stubs, `.d.ts` files, `node_modules` or hidden directories; absolute, sorted. */
export function listFixtureFiles(dir = FIXTURES_ROOT): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) walk(full);
      } else if (SOURCE_FILE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
        files.push(full);
      }
    }
  };
  walk(dir);
  return files.sort();
}

function clientVersionsOf(dir: string): FixtureProject['clientVersions'] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const dependencies = manifest.dependencies ?? {};
  const version = (range: string | undefined): string | undefined => /(\d+\.\d+\.\d+)/.exec(range ?? '')?.[1];
  const versions: FixtureProject['clientVersions'] = {};
  const ioredis = version(dependencies.ioredis);
  const redis = version(dependencies.redis ?? dependencies['@redis/client']);
  const upstash = version(dependencies['@upstash/redis']);
  if (ioredis) versions.ioredis = ioredis;
  if (redis) versions.redis = redis;
  if (upstash) versions.upstash = upstash;
  return versions;
}
