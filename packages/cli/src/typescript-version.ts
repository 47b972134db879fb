import fs from 'node:fs';
import { createRequire } from 'node:module';

let version: string | undefined;

/** The version of the TypeScript the engine loads, read from its package.json: a cached run must not load TypeScript itself. */
export function typescriptVersion(): string {
  if (version !== undefined) return version;
  try {
    const manifest = createRequire(import.meta.url).resolve('typescript/package.json');
    version = String((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: unknown }).version);
  } catch {
    version = 'unknown';
  }
  return version;
}
