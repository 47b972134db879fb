import fs from 'node:fs';
import path from 'node:path';
import { hashOf } from './content-hash.js';
import { mtimeOf, RACY_WINDOW_MS } from './file-stamp.js';

/** A folder's modification time and a hash of the names it lists (null when it cannot be listed). */
export type FolderStamp = [mtimeMs: number, names: string | null];

/** Stat first, list after: an entry added between the two shows as a changed time next run. */
export function folderStamp(folder: string): FolderStamp {
  const mtime = mtimeOf(folder);
  return [mtime, listingHash(folder)];
}

/** A hash of the names a folder lists, null when it cannot be listed. */
function listingHash(folder: string): string | null {
  try {
    return namesHash(fs.readdirSync(folder));
  } catch {
    return null;
  }
}

function namesHash(names: readonly string[]): string {
  return hashOf(...[...names].sort());
}

/**
 * Whether folders list the same names as when recorded at `recordedAt` (a file added, removed or
 * renamed changes a folder's time and its names). A folder whose time is the one recorded, and was
 * not changed within RACY_WINDOW_MS before the recording, is not listed again. One whose time
 * differs, or may have changed again unseen, is listed: a save that writes a new file and renames it
 * over the old one changes the time, not the names.
 */
export function foldersUnchanged(folders: Record<string, FolderStamp>, recordedAt: number): boolean {
  for (const [folder, stamp] of Object.entries(folders)) {
    if (!Array.isArray(stamp)) return false;
    const [mtime, names] = stamp;
    if (mtimeOf(folder) === mtime && recordedAt - mtime >= RACY_WINDOW_MS) continue;
    if (names === null || listingHash(folder) !== names) return false;
  }
  return true;
}

/**
 * The directories under `roots` (recursively where asked) with their modification times and names;
 * `skip` (the cache itself, `node_modules`, `.git`) is left out. Taken before TypeScript reads them,
 * so a file added meanwhile shows as a change next run.
 */
export function directoryStamps(roots: ReadonlyArray<{ dir: string; recursive: boolean }>, skip: string): Record<string, FolderStamp> {
  const stamps: Record<string, FolderStamp> = {};
  const visit = (dir: string, recursive: boolean): void => {
    if (Object.hasOwn(stamps, dir)) return;
    if (!recursive) {
      stamps[dir] = folderStamp(dir);
      return;
    }
    const mtime = mtimeOf(dir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      stamps[dir] = [mtime, null];
      return;
    }
    stamps[dir] = [mtime, namesHash(entries.map((entry) => entry.name))];
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === '.git') continue;
      const child = path.join(dir, entry.name);
      if (child !== skip) visit(child, true);
    }
  };
  for (const { dir, recursive } of roots) visit(path.resolve(dir), recursive);
  return stamps;
}
