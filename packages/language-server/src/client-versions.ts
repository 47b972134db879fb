import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ClientVersions } from '@redis-lint/analyzer';

type ClientName = keyof ClientVersions;

const PACKAGES: Record<ClientName, readonly string[]> = {
  ioredis: ['ioredis'],
  redis: ['redis', '@redis/client'],
  upstash: ['@upstash/redis'],
};

interface Manifest {
  version?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * The Redis client versions of the project a file belongs to (its nearest `package.json`), chosen
 * as the CLI chooses them: the version in the nearest `node_modules`, unless its major differs from
 * the project's own dependency range (a copy hoisted from another workspace), when the range's
 * digits win. Cached per project directory.
 */
export class ClientVersionReader {
  private readonly byProject = new Map<string, ClientVersions>();

  forFile(fileName: string): ClientVersions {
    const projectDir = nearestManifestDir(dirname(fileName));
    const key = projectDir ?? dirname(fileName);
    let versions = this.byProject.get(key);
    if (!versions) {
      const manifest = projectDir === undefined ? undefined : readManifest(join(projectDir, 'package.json'));
      versions = {};
      for (const client of Object.keys(PACKAGES) as ClientName[]) {
        const declared = declaredVersion(client, manifest);
        const installed = installedVersion(client, key);
        const chosen = installed !== undefined && (declared === undefined || majorOf(declared) === majorOf(installed)) ? installed : declared;
        if (chosen !== undefined) versions[client] = chosen;
      }
      this.byProject.set(key, versions);
    }
    return versions;
  }

  clear(): void {
    this.byProject.clear();
  }
}

function nearestManifestDir(from: string): string | undefined {
  for (let directory = from; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

function declaredVersion(client: ClientName, manifest: Manifest | undefined): string | undefined {
  for (const name of PACKAGES[client]) {
    const range = manifest?.dependencies?.[name] ?? manifest?.devDependencies?.[name] ?? manifest?.peerDependencies?.[name];
    const digits = range === undefined ? undefined : /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(range);
    if (digits) return `${digits[1]}.${digits[2] ?? '0'}.${digits[3] ?? '0'}`;
  }
  return undefined;
}

function installedVersion(client: ClientName, from: string): string | undefined {
  for (let directory = from; ; directory = dirname(directory)) {
    for (const name of PACKAGES[client]) {
      const version = readManifest(join(directory, 'node_modules', name, 'package.json'))?.version;
      if (typeof version === 'string') return version;
    }
    if (dirname(directory) === directory) return undefined;
  }
}

function majorOf(version: string): string {
  return version.split('.')[0] ?? version;
}
