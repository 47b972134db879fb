import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let buildPrint: string | undefined;

/**
 * The version number alone would keep stale findings while the engine changes between releases
 * (or in a workspace checkout): the built code of the CLI and the engine is part of every key, by
 * the size and modification time of each file (a build that changes a file rewrites it; reading
 * them all would be a good part of a cached run).
 */
export function buildFingerprint(): string {
  if (buildPrint !== undefined) return buildPrint;
  const hash = crypto.createHash('sha256');
  // The bundle holds the engine too; unbundled (dist/, as the package's API), the engine's own files run.
  const running = path.dirname(fileURLToPath(import.meta.url));
  const dirs = path.basename(running) === 'bundle' ? [running] : [running, path.dirname(fileURLToPath(import.meta.resolve('@redis-lint/analyzer')))];
  for (const dir of dirs) {
    for (const file of jsFilesUnder(dir)) {
      const stats = fs.statSync(file);
      hash.update(file).update('\0').update(`${stats.size}:${stats.mtimeMs}`).update('\0');
    }
  }
  buildPrint = hash.digest('hex');
  return buildPrint;
}

function jsFilesUnder(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...jsFilesUnder(full));
    else if (entry.name.endsWith('.js')) files.push(full);
  }
  return files;
}
