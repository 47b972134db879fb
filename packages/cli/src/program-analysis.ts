import ts = require('typescript');
import { analyzeProject, type ClientVersions, type Finding, type ResolvedConfig } from '@redis-lint/analyzer';
import type { ClientVersionReader } from '@redis-lint/analyzer/node';
import { hashOf } from './content-hash.js';
import { ImportGraph } from './import-graph.js';
import type { ProjectRecord } from './program-cache.js';
import type { ProgramInputs } from './project.js';
import type { CachedFile, ResultCache } from './result-cache.js';

export interface ProgramAnalysisOptions {
  config: ResolvedConfig;
  versions: ClientVersionReader;
  cache: ResultCache | undefined;
}

export interface ProgramFindings {
  /** Typed findings computed now by file name, for the requested files the program holds and could analyze. */
  findings: Map<string, Finding[]>;
  /** Findings read from the cache, by file name. */
  cached: Map<string, CachedFile>;
  /** Cache keys of the findings computed now: stored by the caller once it knows the file had no problems. */
  keys: Map<string, string>;
}

/**
 * Typed analysis of the requested files of one program, whole-project: the engine sees every file
 * that reaches a requested file through imports, so hot paths follow calls across files. With a
 * cache, files whose dependency closure is unchanged are not analyzed again. `inputs`: what the
 * program was built from, taken before it was built; without them the next run cannot skip it.
 */
export function analyzeProgram(projectKey: string, program: ts.Program, requested: readonly string[], options: ProgramAnalysisOptions, inputs?: ProgramInputs): ProgramFindings {
  const graph = new ImportGraph(program);
  const wanted = requested.map((file) => program.getSourceFile(file)?.fileName).filter((name): name is string => name !== undefined && graph.sources.has(name));
  const result: ProgramFindings = { findings: new Map(), cached: new Map(), keys: new Map() };
  let misses = wanted;
  const cache = options.cache;
  if (cache) {
    const hashes = new Map<string, string>();
    for (const sourceFile of [...graph.sources.values(), ...graph.ambient]) hashes.set(sourceFile.fileName, hashOf(sourceFile.text));
    const ambient = hashOf(...graph.ambient.map((sourceFile) => `${sourceFile.fileName}:${hashes.get(sourceFile.fileName)!}`).sort());
    const base = hashOf(cache.runKey, 'typed', projectKey, optionsText(program.getCompilerOptions()), ambient);
    const outside = requested.filter((file) => program.getSourceFile(file) === undefined);
    const record = inputs && newRecord(inputs, cache, hashes, outside);
    misses = [];
    for (const file of wanted) {
      const versions = JSON.stringify(options.versions.forFile(file));
      const key = hashOf(base, versions, ...graph.dependencyClosure(file).flatMap((dependency) => [dependency, hashes.get(dependency)!]));
      if (record) record.files[file] = { key, versions };
      const hit = cache.get(file, key);
      if (hit?.typed) {
        result.cached.set(file, hit);
      } else {
        result.keys.set(file, key);
        misses.push(file);
      }
    }
    if (record) cache.setRecord(projectKey, record);
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
 * The record that lets the next run check, without TypeScript, that the program would be the same:
 * the config files' texts and the directories its include patterns search, as they were before it was built.
 */
function newRecord(inputs: ProgramInputs, cache: ResultCache, hashes: ReadonlyMap<string, string>, outside: string[]): ProjectRecord {
  return { runKey: cache.runKey, configs: inputs.configs, directories: inputs.directories, recordedAt: inputs.stampedAt, hashes: Object.fromEntries(hashes), files: {}, outside };
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
