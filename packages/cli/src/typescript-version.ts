import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

/** The version of the TypeScript the engine loads, read from its package.json: a cached run must not load TypeScript itself. */
export function typescriptVersion(): string {
  version ??= versionIn(nearestManifest() ?? resolvedManifest());
  return version;
}

/**
 * `node_modules/typescript/package.json` in the nearest folder above this file that has one: where
 * `require` finds it, without the CommonJS resolver (its first use was a good part of a cached run).
 */
function nearestManifest(): string | undefined {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', 'typescript', 'package.json');
    if (fs.existsSync(manifest)) return manifest;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Elsewhere (`NODE_PATH`, a global folder): as `require` resolves it. */
function resolvedManifest(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('typescript/package.json');
  } catch {
    return undefined;
  }
}

function versionIn(manifest: string | undefined): string {
  if (manifest === undefined) return 'unknown';
  try {
    return String((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: unknown }).version);
  } catch {
    return 'unknown';
  }
}
