import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ClientVersions } from '@redis-lint/analyzer';

const PACKAGES: ReadonlyArray<[keyof ClientVersions, string]> = [
  ['ioredis', 'ioredis'],
  ['redis', 'redis'],
  ['redis', '@redis/client'],
  ['upstash', '@upstash/redis'],
];

/** The Redis client versions installed for a file, from the nearest `node_modules` (cached per directory). */
export class ClientVersionReader {
  private readonly byDirectory = new Map<string, ClientVersions>();

  forFile(fileName: string): ClientVersions {
    const directory = dirname(fileName);
    let versions = this.byDirectory.get(directory);
    if (!versions) {
      versions = {};
      for (const [field, name] of PACKAGES) {
        if (versions[field] === undefined) {
          const version = installedVersion(directory, name);
          if (version !== undefined) versions[field] = version;
        }
      }
      this.byDirectory.set(directory, versions);
    }
    return versions;
  }

  clear(): void {
    this.byDirectory.clear();
  }
}

function installedVersion(from: string, name: string): string | undefined {
  let directory = from;
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown };
      if (typeof manifest.version === 'string') return manifest.version;
    } catch {
      // not installed at this level
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
