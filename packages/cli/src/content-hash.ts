import crypto from 'node:crypto';
import fs from 'node:fs';

export function hashOf(...parts: readonly string[]): string {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** The hash of a file's text, undefined when it cannot be read. */
export function fileHash(file: string): string | undefined {
  try {
    return hashOf(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
