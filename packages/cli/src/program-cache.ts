import type { ClientVersionReader } from '@redis-lint/analyzer/node';
import { fileHash, hashOf } from './content-hash.js';
import { foldersUnchanged, type FolderStamp } from './folder-stamp.js';
import type { CachedFile, ResultCache } from './result-cache.js';
import { readSourceText, type SourceText } from './source-text.js';

/**
 * What `--cache` remembers about one project's program (by project key), so that a run where nothing changed
 * neither builds the program nor loads TypeScript: everything that decides which files the program
 * holds and what they contain.
 */
export interface ProjectRecord {
  runKey: string;
  /** Text hash of the tsconfig and of every config it extends (compiler options, include, exclude). */
  configs: Record<string, string>;
  /** Modification time and names of every directory the include patterns search, taken before the program was built. */
  directories: Record<string, FolderStamp>;
  /** When they were taken: a directory changed within RACY_WINDOW_MS of it may change again unseen. */
  recordedAt: number;
  /** Text hash of every project source and declaration file of the program. */
  hashes: Record<string, string>;
  files: Record<string, { key: string; versions: string }>;
  /** Requested files of the project that its program does not hold (analyzed untyped). */
  outside: string[];
}

export type CachedSource = SourceText & { ok: true };

/**
 * The findings of a run in which nothing the program depends on changed, read from the cache
 * without building the program (or loading TypeScript); undefined when anything differs.
 */
export function cachedProgramFindings(
  projectKey: string,
  requested: readonly string[],
  options: { cache: ResultCache; versions: ClientVersionReader },
): { found: Map<string, { source: CachedSource; cached: CachedFile }>; outside: string[] } | undefined {
  const { cache } = options;
  const record = cache.getRecord<ProjectRecord>(projectKey);
  if (!record || record.runKey !== cache.runKey || !isObject(record.configs) || !isObject(record.directories) || typeof record.recordedAt !== 'number' || !isObject(record.hashes) || !isObject(record.files) || !Array.isArray(record.outside)) return undefined;
  for (const [file, hash] of Object.entries(record.configs)) if (fileHash(file) !== hash) return undefined;
  if (!foldersUnchanged(record.directories, record.recordedAt)) return undefined;
  const sources = new Map<string, CachedSource>();
  for (const [file, hash] of Object.entries(record.hashes)) {
    const source = readSourceText(file);
    if (!source.ok || hashOf(source.text) !== hash) return undefined;
    sources.set(file, source);
  }
  const outsideProgram = new Set(record.outside);
  const found = new Map<string, { source: CachedSource; cached: CachedFile }>();
  const outside: string[] = [];
  for (const file of requested) {
    if (outsideProgram.has(file)) {
      outside.push(file);
      continue;
    }
    const entry = Object.hasOwn(record.files, file) ? record.files[file] : undefined;
    const source = sources.get(file);
    if (!entry || !source || entry.versions !== JSON.stringify(options.versions.forFile(file))) return undefined;
    const cached = cache.get(file, entry.key);
    if (!cached?.typed) return undefined;
    found.set(file, { source, cached });
  }
  return { found, outside };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
