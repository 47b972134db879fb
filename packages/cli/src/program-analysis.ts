import ts from 'typescript';
import { analyzeProject, type ClientVersions, type Finding, type ResolvedConfig } from '@redis-lint/analyzer';
import { hashOf, type CachedFile, type ResultCache } from './cache.js';
import type { ClientVersionReader } from '@redis-lint/analyzer/node';
import { ImportGraph } from './import-graph.js';
import { readSourceText, type SourceText } from './source-text.js';

export interface ProgramAnalysisOptions {
  config: ResolvedConfig;
  versions: ClientVersionReader;
  cache: ResultCache | undefined;
}

export interface ProgramFindings {
  /** Typed findings by file name, for the requested files the program holds and could analyze. */
  findings: Map<string, Finding[]>;
  /** Files whose findings came from the cache. */
  cached: Set<string>;
  /** Cache keys of the findings computed now: stored by the caller once it knows the file had no problems. */
  keys: Map<string, string>;
}

/** What `--cache` remembers about one program, so that a run where nothing changed need not build it. */
interface ProjectRecord {
  fingerprint: string;
  /** Text hash of every project source and declaration file of the program. */
  hashes: Record<string, string>;
  files: Record<string, { key: string; versions: string }>;
  /** Requested files under the tsconfig that its program does not hold (analyzed untyped). */
  outside: string[];
}

/**
 * Typed analysis of the requested files of one program, whole-project: the engine sees every file
 * that reaches a requested file through imports, so hot paths follow calls across files. With a
 * cache, files whose dependency closure is unchanged are not analyzed again.
 */
export function analyzeProgram(tsconfig: string, program: ts.Program, requested: readonly string[], options: ProgramAnalysisOptions): ProgramFindings {
  const graph = new ImportGraph(program);
  const wanted = requested.map((file) => program.getSourceFile(file)?.fileName).filter((name): name is string => name !== undefined && graph.sources.has(name));
  const result: ProgramFindings = { findings: new Map(), cached: new Set(), keys: new Map() };
  let misses = wanted;
  const cache = options.cache;
  if (cache) {
    const hashes = new Map<string, string>();
    for (const sourceFile of [...graph.sources.values(), ...graph.ambient]) hashes.set(sourceFile.fileName, hashOf(sourceFile.text));
    const ambient = hashOf(...graph.ambient.map((sourceFile) => `${sourceFile.fileName}:${hashes.get(sourceFile.fileName)!}`).sort());
    const base = hashOf(cache.runKey, 'typed', tsconfig, optionsText(program.getCompilerOptions()), ambient);
    const outside = requested.filter((file) => program.getSourceFile(file) === undefined);
    const record: ProjectRecord = { fingerprint: fingerprintOf(cache, tsconfig, program.getCompilerOptions(), program.getRootFileNames()), hashes: Object.fromEntries(hashes), files: {}, outside };
    misses = [];
    for (const file of wanted) {
      const versions = JSON.stringify(options.versions.forFile(file));
      const key = hashOf(base, versions, ...graph.dependencyClosure(file).flatMap((dependency) => [dependency, hashes.get(dependency)!]));
      record.files[file] = { key, versions };
      const hit = cache.get(file, key);
      if (hit?.typed) {
        result.findings.set(file, hit.findings);
        result.cached.add(file);
      } else {
        result.keys.set(file, key);
        misses.push(file);
      }
    }
    cache.setRecord(tsconfig, record);
  }
  if (misses.length === 0) return result;

  const needed = [...graph.importersOf(misses)].sort().map((name) => graph.sources.get(name)!);
  // The engine takes one set of client versions per call: files of different package.json folders go in separate passes.
  const groups = new Map<string, { versions: ClientVersions; files: string[] }>();
  for (const file of misses) {
    const versions = options.versions.forFile(file);
    const id = JSON.stringify(versions);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { versions, files: [] }));
    group.files.push(file);
  }
  for (const { versions, files } of groups.values()) {
    let byFile: Map<string, Finding[]>;
    try {
      byFile = analyzeProject(needed, { config: options.config, program, clientVersions: versions });
    } catch {
      // The caller analyzes each file on its own, where a crash becomes that file's problem.
      continue;
    }
    for (const file of files) {
      const findings = byFile.get(file);
      if (findings) result.findings.set(file, findings);
    }
  }
  return result;
}

/**
 * The findings of a run in which no file of the program changed, read from the cache without
 * building the program; undefined when anything differs (the caller then builds it).
 */
export function cachedProgramFindings(tsconfig: string, requested: readonly string[], options: ProgramAnalysisOptions & { cache: ResultCache }): { found: Map<string, { source: SourceText & { ok: true }; cached: CachedFile }>; outside: string[] } | undefined {
  const { cache } = options;
  const record = cache.getRecord<ProjectRecord>(tsconfig);
  if (!record || typeof record.hashes !== 'object' || typeof record.files !== 'object' || !Array.isArray(record.outside)) return undefined;
  const outsideProgram = new Set(record.outside);
  let parsed: ts.ParsedCommandLine | undefined;
  try {
    parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  } catch {
    return undefined;
  }
  if (!parsed || parsed.errors.length > 0 || fingerprintOf(cache, tsconfig, parsed.options, parsed.fileNames) !== record.fingerprint) return undefined;
  const sources = new Map<string, SourceText & { ok: true }>();
  for (const [file, hash] of Object.entries(record.hashes)) {
    const source = readSourceText(file);
    if (!source.ok || hashOf(source.text) !== hash) return undefined;
    sources.set(file, source);
  }
  const found = new Map<string, { source: SourceText & { ok: true }; cached: CachedFile }>();
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

function fingerprintOf(cache: ResultCache, tsconfig: string, compilerOptions: ts.CompilerOptions, rootNames: readonly string[]): string {
  return hashOf(cache.runKey, tsconfig, optionsText(compilerOptions), ...[...rootNames].sort());
}

/** Compiler options as stable text (sorted keys); the parsed config file itself is left out, its path stays. */
function optionsText(compilerOptions: ts.CompilerOptions): string {
  const stable = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(stable);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as Record<string, unknown>).filter(([key]) => key !== 'configFile');
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, inner]) => [key, stable(inner)]));
  };
  return JSON.stringify(stable(compilerOptions));
}
