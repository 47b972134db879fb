import fs from 'node:fs';
import path from 'node:path';

/** Where `--cache` keeps its entries unless `--cache-location` says otherwise. */
export const DEFAULT_CACHE_DIR = path.join('node_modules', '.cache', 'redis-lint');

/** The nearest `node_modules` above `start` (or `start`'s own) holds the default cache directory. */
export function defaultCacheDir(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'node_modules'))) return path.join(dir, DEFAULT_CACHE_DIR);
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(path.resolve(start), DEFAULT_CACHE_DIR);
    dir = parent;
  }
}
