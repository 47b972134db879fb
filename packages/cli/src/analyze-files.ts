import type { ResolvedConfig } from '@redis-lint/analyzer';
import { analyzeFile } from './analyze-file.js';
import type { FileAnalysis } from './analyzed-file.js';
import { analysisFromCache } from './analysis-from-cache.js';
import { hashOf } from './content-hash.js';
import type { ClientVersionReader } from '@redis-lint/analyzer/node';
import type { FileProblem } from './file-problem.js';
import { stampOf } from './file-stamp.js';
import { LineIndex } from '@redis-lint/analyzer';
import { analyzeProgram, type ProgramFindings } from './program-analysis.js';
import { cachedProgramFindings } from './program-cache.js';
import type { Project } from '@redis-lint/analyzer/node';
import { ProjectIndex } from './project.js';
import { reportingFactsOf } from './reporting-facts.js';
import type { ResultCache } from './result-cache.js';
import { readSourceText } from './source-text.js';
import { analyzeInWorkers, threadsFor } from './worker-pool.js';

export interface AnalyzeFilesOptions {
  config: ResolvedConfig;
  typeCheck: boolean;
  reportUnusedDisableDirectives: boolean;
  versions: ClientVersionReader;
  cache: ResultCache | undefined;
  /** Worker threads for the untyped files: `auto` (only for many files on several cores) or an exact count (0: none). */
  threads: number | 'auto';
  /** The run's root: the inferred project of files with no package.json above them. */
  root: string;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface FilesAnalysis {
  /** One per input file, in the same order. */
  analyses: FileAnalysis[];
  /** Problems of whole projects (a broken tsconfig). */
  problems: FileProblem[];
}

/**
 * Every file through the engine: typed files whole-program per project (tsconfig, jsconfig or inferred), the others one by one
 * (in worker threads when there are many). With a cache, unchanged files are not analyzed again.
 * The result does not depend on threads or cache: same findings, same order.
 */
export function analyzeFiles(files: readonly string[], options: AnalyzeFilesOptions): FilesAnalysis {
  const analyses: Array<FileAnalysis | undefined> = new Array<FileAnalysis | undefined>(files.length);
  const problems: FileProblem[] = [];
  let done = 0;
  const settle = (index: number, analysis: FileAnalysis): void => {
    analyses[index] = analysis;
    options.onProgress?.(++done, files.length);
  };
  const untyped: number[] = [];
  if (options.typeCheck) {
    const projects = new ProjectIndex(options.cache?.dir, options.root);
    const { groups, problems: configProblems } = projects.group(files);
    problems.push(...configProblems);
    for (const { project, indexes } of groups.values()) analyzeTypedGroup(project, indexes, projects);
  } else {
    untyped.push(...files.keys());
  }
  analyzeUntyped(untyped);
  return { analyses: analyses.map((analysis) => analysis!), problems };

  function analyzeTypedGroup(project: Project, indexes: readonly number[], projects: ProjectIndex): void {
    const groupFiles = indexes.map((index) => files[index]!);
    const cache = options.cache;
    if (cache) {
      const warm = safely(() => cachedProgramFindings(project.key, groupFiles, { ...options, cache }));
      if (warm) {
        const outside = new Set(warm.outside);
        for (const index of indexes) {
          const hit = warm.found.get(files[index]!);
          if (hit) settle(index, analysisFromCache(files[index]!, hit.source, hit.cached));
          else if (outside.has(files[index]!)) untyped.push(index);
        }
        return;
      }
    }
    const load = projects.load(project, groupFiles);
    if (load.problem) problems.push({ file: project.configFile ?? project.root, level: 'warning', kind: 'tsconfig', message: load.problem });
    const program = load.program;
    const whole: ProgramFindings | undefined = program ? safely(() => analyzeProgram(project.key, program, groupFiles, options, load.inputs)) : undefined;
    for (const index of indexes) {
      const file = files[index]!;
      const name = program?.getSourceFile(file)?.fileName;
      if (name === undefined) {
        untyped.push(index);
        continue;
      }
      const hit = whole?.cached.get(name);
      if (hit) {
        const source = readSourceText(file);
        if (source.ok) {
          settle(index, analysisFromCache(file, source, hit));
          continue;
        }
      }
      const analysis = analyzeFile(file, { config: options.config, projects, clientVersions: options.versions.forFile(file), reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, projectFindings: whole?.findings });
      const key = whole?.keys.get(name);
      if (cache && key !== undefined && analysis.analyzed?.typed && analysis.problems.length === 0) cache.set(file, key, { findings: analysis.analyzed.findings, unusedDirectives: analysis.analyzed.unusedDirectives, typed: true });
      settle(index, analysis);
    }
  }

  function analyzeUntyped(indexes: readonly number[]): void {
    const cache = options.cache;
    const misses: number[] = [];
    // Taken before each file is read: a change after it makes the next run read the file again.
    const stamps = new Map<number, { size: number; mtimeMs: number }>();
    for (const index of indexes) {
      const file = files[index]!;
      if (cache) {
        const stamp = stampOf(file);
        if (stamp) stamps.set(index, stamp);
        const source = readSourceText(file);
        const textHash = source.ok ? hashOf(source.text) : undefined;
        const hit = textHash === undefined ? undefined : cache.get(file, cache.untypedKey(file, options.versions.forFile(file), textHash), stamp && { ...stamp, textHash });
        if (source.ok && hit && !hit.typed) {
          settle(index, analysisFromCache(file, source, hit));
          continue;
        }
      }
      misses.push(index);
    }
    const store = (index: number, analysis: FileAnalysis): void => {
      const { analyzed } = analysis;
      if (cache && analyzed && !analyzed.typed && analysis.problems.length === 0) {
        const textHash = hashOf(analyzed.text);
        const stamp = stamps.get(index);
        const reporting = reportingFactsOf(analyzed);
        const result = { findings: analyzed.findings, unusedDirectives: analyzed.unusedDirectives, typed: false, ...(reporting ? { reporting } : {}) };
        cache.set(analyzed.file, cache.untypedKey(analyzed.file, options.versions.forFile(analyzed.file), textHash), result, stamp && { ...stamp, textHash });
      }
      settle(index, analysis);
    };
    let remaining = misses;
    const threads = options.threads === 'auto' ? threadsFor(misses.length) : options.threads;
    if (threads > 0 && misses.length > 0) {
      const tasks = misses.map((index) => ({ index, file: files[index]!, clientVersions: options.versions.forFile(files[index]!) }));
      const { unfinished } = analyzeInWorkers(tasks, options.config, options.reportUnusedDisableDirectives, threads, ({ index, analyzed, problems: fileProblems }) => {
        store(index, { analyzed: analyzed ? { ...analyzed, lines: new LineIndex(analyzed.text) } : undefined, problems: fileProblems });
      });
      remaining = unfinished.map((task) => task.index);
    }
    for (const index of remaining) {
      const file = files[index]!;
      store(index, analyzeFile(file, { config: options.config, projects: undefined, clientVersions: options.versions.forFile(file), reportUnusedDisableDirectives: options.reportUnusedDisableDirectives }));
    }
  }
}

/** The cache and whole-program analysis are shortcuts: when they fail, files are analyzed one by one, where failures become problems. */
function safely<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch {
    return undefined;
  }
}
