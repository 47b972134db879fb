import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A JSON file of the cache, or undefined when it is missing or unreadable (a miss). */
export function readCacheFile<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes a JSON file of the cache atomically (temp file + rename); a cache that cannot be written only costs speed. */
export function writeCacheFile(file: string, value: unknown): void {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, JSON.stringify(value));
    fs.renameSync(temp, file);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}
