import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ClientVersions } from '@redis-lint/analyzer';

const PACKAGES: ReadonlyArray<[keyof ClientVersions, readonly string[]]> = [
  ['ioredis', ['ioredis', 'iovalkey']],
  ['redis', ['redis', '@redis/client']],
  ['upstash', ['@upstash/redis']],
];

const byDirectory = new Map<string, ClientVersions>();

/**
 * The client versions installed for a file: the nearest `node_modules/<client>/package.json`
 * above it, the way Node would resolve the import. Cached per directory for the whole lint run.
 */
export function installedClientVersions(fileName: string): ClientVersions {
  const directory = dirname(resolve(fileName));
  const cached = byDirectory.get(directory);
  if (cached) return cached;
  const versions: ClientVersions = {};
  for (const [key, names] of PACKAGES) {
    const version = nearestVersion(directory, names);
    if (version) versions[key] = version;
  }
  byDirectory.set(directory, versions);
  return versions;
}

function nearestVersion(start: string, names: readonly string[]): string | undefined {
  for (let directory = start; ; ) {
    for (const name of names) {
      const version = versionAt(join(directory, 'node_modules', name, 'package.json'));
      if (version) return version;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function versionAt(manifest: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    const version = (parsed as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
