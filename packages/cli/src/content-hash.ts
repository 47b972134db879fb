import crypto from 'node:crypto';
import fs from 'node:fs';

/** SHA-256 of the parts, each followed by a NUL. `crypto.hash` (Node 20.12) is one native call; a `Hash` object per key was a good part of a cached run. */
export function hashOf(...parts: readonly string[]): string {
  return crypto.hash('sha256', `${parts.join('\0')}\0`, 'hex');
}

/** The hash of a file's text, undefined when it cannot be read. */
export function fileHash(file: string): string | undefined {
  try {
    return hashOf(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
