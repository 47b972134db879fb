import fs from 'node:fs';
import path from 'node:path';
import type { ClientVersions } from '../engine/client-versions.js';

type ClientName = keyof ClientVersions;

/** Packages that carry each client's version, in order of preference. */
const PACKAGES: Record<ClientName, readonly string[]> = {
  ioredis: ['ioredis', 'iovalkey'],
  redis: ['redis', '@redis/client'],
  upstash: ['@upstash/redis'],
};

interface Manifest {
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * Node-only: reads files. Installed Redis client versions for the project a file belongs to (its nearest `package.json`):
 * the version in the nearest `node_modules`, unless that install has another major than the
 * project's own dependency range (a copy hoisted from an unrelated workspace), in which case the
 * digits of the range win. Cached per project directory.
 */
export class ClientVersionReader {
  private readonly byProject = new Map<string, ClientVersions>();
  private readonly manifestDirs = new Map<string, string | undefined>();

  /** Forgets what was read, after an install changed `node_modules` (editors call this). */
  clear(): void {
    this.byProject.clear();
    this.manifestDirs.clear();
  }

  forFile(file: string): ClientVersions {
    const projectDir = this.projectDirOf(path.dirname(file));
    const key = projectDir ?? path.dirname(file);
    let versions = this.byProject.get(key);
    if (!versions) {
      versions = readVersions(key, projectDir ? readManifest(path.join(projectDir, 'package.json')) : undefined);
      this.byProject.set(key, versions);
    }
    return versions;
  }

  private projectDirOf(dir: string): string | undefined {
    if (this.manifestDirs.has(dir)) return this.manifestDirs.get(dir);
    let found: string | undefined;
    if (fs.existsSync(path.join(dir, 'package.json'))) found = dir;
    else if (path.dirname(dir) !== dir) found = this.projectDirOf(path.dirname(dir));
    this.manifestDirs.set(dir, found);
    return found;
  }
}

function readVersions(projectDir: string, manifest: Manifest | undefined): ClientVersions {
  const versions: ClientVersions = {};
  for (const client of Object.keys(PACKAGES) as ClientName[]) {
    const declared = declaredVersion(client, manifest);
    const installed = installedVersion(client, projectDir);
    const chosen = installed !== undefined && (declared === undefined || majorOf(declared) === majorOf(installed)) ? installed : declared;
    if (chosen !== undefined) versions[client] = chosen;
  }
  return versions;
}

function installedVersion(client: ClientName, projectDir: string): string | undefined {
  for (const name of PACKAGES[client]) {
    let dir = projectDir;
    for (;;) {
      const manifest = readManifest(path.join(dir, 'node_modules', name, 'package.json'));
      if (manifest?.version) return normalizeVersion(name, manifest.version);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

function declaredVersion(client: ClientName, manifest: Manifest | undefined): string | undefined {
  if (!manifest) return undefined;
  for (const name of PACKAGES[client]) {
    const range = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name] ?? manifest.peerDependencies?.[name];
    const digits = range === undefined ? undefined : /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(range);
    if (digits) return normalizeVersion(name, `${digits[1]}.${digits[2] ?? '0'}.${digits[3] ?? '0'}`);
  }
  return undefined;
}

/** `@redis/client` 1.x shipped inside `redis` 4.x; from 5.0 the two share one version number. */
function normalizeVersion(packageName: string, version: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return version;
  if (packageName === '@redis/client' && match[1] === '1') return `4.${match[2]}.${match[3]}`;
  return `${match[1]}.${match[2]}.${match[3]}`;
}

function majorOf(version: string): string {
  return version.split('.')[0] ?? version;
}

function readManifest(file: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}
