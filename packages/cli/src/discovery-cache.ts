import fs from 'node:fs';
import path from 'node:path';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { fileHash, hashOf } from './content-hash.js';
import type { Discovery } from './files.js';
import { folderStamp, foldersUnchanged, type FolderStamp } from './folder-stamp.js';

/** What `--cache` remembers of a walk: the files found, and what decided them. */
interface DiscoveryRecord {
  files: string[];
  /** Modification time and listed names of every folder walked (an entry added, removed or renamed changes both). */
  directories: Record<string, FolderStamp>;
  /** Text hash of every `.gitignore` read, null for one looked for and absent (editing one does not change its folder's time). */
  ignoreFiles: Record<string, string | null>;
  /** Whether each `.git` looked for above the walk existed. */
  markers: Record<string, boolean>;
  /** When the walk started: a folder changed within RACY_WINDOW_MS of it may change again unseen. */
  walkedAt: number;
}

/**
 * `discoverFiles` for a run with `--cache`: when no folder the last walk of the same paths listed
 * has changed, and no `.gitignore` it read, the same files are found without walking (matching
 * every path against the ignore rules is most of a walk). Walks that met a symbolic link, an
 * unreadable entry or a file named explicitly are not remembered.
 */
export async function discoverFilesCached(paths: readonly string[], cwd: string, cacheDir: string): Promise<Discovery> {
  const recordFile = path.join(cacheDir, 'discovery', `${hashOf(cwd, ...paths)}.json`);
  const known = readCacheFile<DiscoveryRecord>(recordFile);
  if (known && isRecord(known) && unchanged(known)) return { files: known.files, problems: [] };
  const directories: Record<string, FolderStamp> = {};
  const ignoreFiles: Record<string, string | null> = {};
  const markers: Record<string, boolean> = {};
  const walkedAt = Date.now();
  let regular = true;
  // Loaded only to walk: its ignore-rule matcher is no part of a cached run's start-up.
  const { discoverFiles } = await import('./files.js');
  const discovery = discoverFiles(paths, cwd, {
    directory: (dir) => {
      // The cache's own folders change on every run and hold no sources. Stamped before the walk lists the folder.
      if (dir !== cacheDir && !dir.startsWith(cacheDir + path.sep)) directories[dir] = folderStamp(dir);
    },
    ignoreFile: (file, text) => {
      ignoreFiles[file] = text === undefined ? null : hashOf(text);
    },
    marker: (file, exists) => {
      markers[file] = exists;
    },
    irregular: () => {
      regular = false;
    },
  });
  if (regular) writeCacheFile(recordFile, { files: discovery.files, directories, ignoreFiles, markers, walkedAt } satisfies DiscoveryRecord);
  return discovery;
}

function unchanged(record: DiscoveryRecord): boolean {
  if (!foldersUnchanged(record.directories, record.walkedAt)) return false;
  for (const [file, hash] of Object.entries(record.ignoreFiles)) if ((fileHash(file) ?? null) !== hash) return false;
  for (const [file, exists] of Object.entries(record.markers)) if (fs.existsSync(file) !== exists) return false;
  return true;
}

function isRecord(record: DiscoveryRecord): boolean {
  return Array.isArray(record.files) && typeof record.walkedAt === 'number' && typeof record.directories === 'object' && record.directories !== null && typeof record.ignoreFiles === 'object' && record.ignoreFiles !== null && typeof record.markers === 'object' && record.markers !== null;
}
