import fs from 'node:fs';

/** A file's size and modification time. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * A file modified within this long before its entry was written may change again without its
 * modification time changing (file systems with coarse timestamps): such entries are checked by
 * content, as git does with "racily clean" index entries.
 */
export const RACY_WINDOW_MS = 3000;

/** A file's size and modification time, or undefined when it cannot be read. */
export function stampOf(file: string): FileStamp | undefined {
  try {
    const stats = fs.statSync(file);
    return { size: stats.size, mtimeMs: stats.mtimeMs };
  } catch {
    return undefined;
  }
}

/** A file's or folder's modification time, -1 when it is missing. */
export function mtimeOf(file: string): number {
  return stampOf(file)?.mtimeMs ?? -1;
}
