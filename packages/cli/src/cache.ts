import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, ResolvedConfig, UserConfig } from '@redis-lint/analyzer';
import type { ClientVersions } from '@redis-lint/analyzer/findings';
import { VERSION } from './package-info.js';
import type { ReportingFacts } from './reporting-facts.js';
import { typescriptVersion } from './typescript-version.js';

/** Bumped when the layout of cache entries changes. */
const CACHE_FORMAT = 2;

/** Where `--cache` keeps its entries unless `--cache-location` says otherwise. */
export const DEFAULT_CACHE_DIR = path.join('node_modules', '.cache', 'redis-lint');

/** What a run needs besides the files, all of which the findings of a file depend on. */
export interface RunSettings {
  /** The configuration as written (the engine's build, part of every key, fixes its defaults and presets), or resolved. */
  config: UserConfig | ResolvedConfig;
  reportUnusedDisableDirectives: boolean;
}

/** A file's findings after its suppression comments, and its unused directives. */
export interface CachedFile {
  findings: Finding[];
  unusedDirectives: Finding[];
  typed: boolean;
  /** Untyped entries of files with something to report: what reporting needs of the text. */
  reporting?: ReportingFacts;
}

/** A source file as it was when read for an entry: its size, modification time and text hash. */
export interface SourceStamp {
  size: number;
  mtimeMs: number;
  textHash: string;
}

interface StoredEntry extends CachedFile {
  file: string;
  key: string;
  source?: SourceStamp & { storedAt: number };
}

/**
 * A file modified within this long before its entry was written may change again without its
 * modification time changing (file systems with coarse timestamps): such entries are checked by
 * content, as git does with "racily clean" index entries.
 */
export const RACY_WINDOW_MS = 3000;

export function hashOf(...parts: readonly string[]): string {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * `--cache`: findings per file, stored as one JSON file per source file under `dir`. An entry is
 * used only when its key matches exactly; the key is built by the caller from everything the
 * findings depend on, on top of the run key (tool and engine build, TypeScript version, the
 * configuration and the flags that change findings). Unreadable, corrupt or foreign entries are misses; writes are atomic
 * (temp file + rename) and a cache that cannot be written only costs speed.
 */
export class ResultCache {
  readonly runKey: string;
  /**
   * The entries the last run under this run key used, in one file read once: reading hundreds of
   * small files was most of a cached run's own work. Per-file entries stay the truth; the pack is
   * rewritten by `flush()` with the entries this run used.
   */
  private pack: Map<string, StoredEntry> | undefined;
  private readonly used = new Map<string, StoredEntry>();
  private packChanged = false;

  constructor(
    readonly dir: string,
    settings: RunSettings,
  ) {
    this.runKey = hashOf(
      JSON.stringify({
        format: CACHE_FORMAT,
        tool: VERSION,
        build: buildFingerprint(),
        typescript: typescriptVersion(),
        config: settings.config,
        unusedDirectives: settings.reportUnusedDisableDirectives,
      }),
    );
  }

  /**
   * `source`: when the caller read the file to build `key`, its stamp (taken before the read). An
   * entry recorded for the file too shortly after it was written is stamped anew, so the next run
   * can trust size and time instead of reading it again.
   */
  get(file: string, key: string, source?: SourceStamp): CachedFile | undefined {
    let stored: StoredEntry | undefined;
    for (const entry of this.entries(file)) {
      if (entry.key !== key) continue;
      stored = entry;
      break;
    }
    if (!stored) return undefined;
    const restamped = source && !sameStamp(stored.source, source) ? { ...stored, source: { ...source, storedAt: Date.now() } } : stored;
    this.use(restamped);
    return cachedFileOf(stored);
  }

  /** `source`: the file's size and modification time taken before it was read, with the hash of the text read. */
  set(file: string, key: string, result: CachedFile, source?: SourceStamp): void {
    const entry: StoredEntry = {
      file,
      key,
      findings: result.findings,
      unusedDirectives: result.unusedDirectives,
      typed: result.typed,
      ...(result.reporting ? { reporting: result.reporting } : {}),
      ...(source ? { source: { ...source, storedAt: Date.now() } } : {}),
    };
    this.writeJson(this.entryPath(file), entry);
    this.use(entry);
  }

  /** Writes the pack when this run used other entries than the last one under its run key. */
  flush(): void {
    if (!this.packChanged && this.pack?.size === this.used.size) return;
    this.writeJson(this.packPath(), Object.fromEntries(this.used));
  }

  /**
   * The entry of a file whose size and modification time are those it had when it was read (as
   * git's index and ESLint's default cache strategy judge a file unchanged), without reading it;
   * `keyOf` rebuilds the key from the text hash the entry recorded.
   */
  getUnchanged(file: string, keyOf: (textHash: string) => string): CachedFile | undefined {
    const now = stampOf(file);
    if (!now) return undefined;
    for (const stored of this.entries(file)) {
      const source = stored.source;
      if (!source || now.size !== source.size || now.mtimeMs !== source.mtimeMs || source.storedAt - source.mtimeMs < RACY_WINDOW_MS) continue;
      if (stored.key !== keyOf(source.textHash)) continue;
      this.use(stored);
      return cachedFileOf(stored);
    }
    return undefined;
  }

  /** The packed entry of a file first, then (only if asked for) its own entry file, newer when another run wrote it since. */
  private *entries(file: string): Generator<StoredEntry> {
    this.pack ??= this.readPack();
    const packed = this.pack.get(file);
    if (packed) yield packed;
    const own = this.readJson<StoredEntry>(this.entryPath(file));
    if (own && isEntry(own, file) && own.key !== packed?.key) yield own;
  }

  private use(entry: StoredEntry): void {
    if (this.pack?.get(entry.file) !== entry) this.packChanged = true;
    this.used.set(entry.file, entry);
  }

  private readPack(): Map<string, StoredEntry> {
    const stored = this.readJson<Record<string, StoredEntry>>(this.packPath());
    const pack = new Map<string, StoredEntry>();
    if (stored && typeof stored === 'object') for (const [file, entry] of Object.entries(stored)) if (isEntry(entry, file)) pack.set(file, entry);
    return pack;
  }

  private packPath(): string {
    return path.join(this.dir, 'packs', `${this.runKey}.json`);
  }

  /** The key of a file analyzed without types: its text (by hash), its client versions and the run. */
  untypedKey(file: string, versions: ClientVersions, textHash: string): string {
    return hashOf(this.runKey, 'untyped', file, JSON.stringify(versions), textHash);
  }

  /** Per-project bookkeeping (typed mode), by a name the caller chooses. */
  getRecord<T>(name: string): T | undefined {
    return this.readJson<T>(path.join(this.dir, 'projects', `${hashOf(name)}.json`));
  }

  setRecord(name: string, record: unknown): void {
    this.writeJson(path.join(this.dir, 'projects', `${hashOf(name)}.json`), record);
  }

  private entryPath(file: string): string {
    const name = hashOf(file);
    return path.join(this.dir, 'files', name.slice(0, 2), `${name}.json`);
  }

  private readJson<T>(file: string): T | undefined {
    return readCacheFile<T>(file);
  }

  private writeJson(file: string, value: unknown): void {
    writeCacheFile(file, value);
  }
}

function cachedFileOf(stored: StoredEntry): CachedFile {
  return { findings: stored.findings, unusedDirectives: stored.unusedDirectives, typed: stored.typed === true, ...(stored.reporting ? { reporting: stored.reporting } : {}) };
}

function sameStamp(stored: StoredEntry['source'], now: SourceStamp): boolean {
  return stored !== undefined && stored.size === now.size && stored.mtimeMs === now.mtimeMs && stored.textHash === now.textHash && stored.storedAt - stored.mtimeMs >= RACY_WINDOW_MS;
}

function isEntry(entry: StoredEntry, file: string): boolean {
  return typeof entry === 'object' && entry !== null && entry.file === file && typeof entry.key === 'string' && Array.isArray(entry.findings) && Array.isArray(entry.unusedDirectives);
}

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

/** The hash of a file's text, undefined when it cannot be read. */
export function fileHash(file: string): string | undefined {
  try {
    return hashOf(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A file's or folder's modification time, -1 when it is missing. */
export function mtimeOf(file: string): number {
  return stampOf(file)?.mtimeMs ?? -1;
}

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

export function namesHash(names: readonly string[]): string {
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

/** A file's size and modification time, or undefined when it cannot be read. */
export function stampOf(file: string): { size: number; mtimeMs: number } | undefined {
  try {
    const stats = fs.statSync(file);
    return { size: stats.size, mtimeMs: stats.mtimeMs };
  } catch {
    return undefined;
  }
}

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

let buildPrint: string | undefined;

/**
 * The version number alone would keep stale findings while the engine changes between releases
 * (or in a workspace checkout): the built code of the CLI and the engine is part of every key, by
 * the size and modification time of each file (a build that changes a file rewrites it; reading
 * them all would be a good part of a cached run).
 */
function buildFingerprint(): string {
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
