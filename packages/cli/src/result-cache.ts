import path from 'node:path';
import type { Finding, ResolvedConfig, UserConfig } from '@redis-lint/analyzer';
import type { ClientVersions } from '@redis-lint/analyzer/findings';
import { buildFingerprint } from './build-fingerprint.js';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { hashOf } from './content-hash.js';
import { RACY_WINDOW_MS, stampOf, type FileStamp } from './file-stamp.js';
import { VERSION } from './package-info.js';
import type { ReportingFacts } from './reporting-facts.js';
import { typescriptVersion } from './typescript-version.js';

/** Bumped when the layout of cache entries changes. */
const CACHE_FORMAT = 2;

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
export interface SourceStamp extends FileStamp {
  textHash: string;
}

interface StoredEntry extends CachedFile {
  file: string;
  key: string;
  source?: SourceStamp & { storedAt: number };
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
  /** A reader returns one versions object per project: its text is built once, not once per file. */
  private readonly versionsText = new WeakMap<ClientVersions, string>();

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
    let text = this.versionsText.get(versions);
    if (text === undefined) {
      text = JSON.stringify(versions);
      this.versionsText.set(versions, text);
    }
    return hashOf(this.runKey, 'untyped', file, text, textHash);
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

