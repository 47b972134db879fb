import path from 'node:path';
import { inferredProjectKey, ProjectLocator, type ClientVersionReader } from '@redis-lint/analyzer/node';
import { analysisFromCache, unreadAnalysis } from './analysis-from-cache.js';
import type { FileAnalysis } from './analyzed-file.js';
import { hashOf } from './content-hash.js';
import { stampOf } from './file-stamp.js';
import type { RuleSummary } from './lint-report.js';
import { cachedProgramFindings } from './program-cache.js';
import { linesFromFacts } from './reporting-facts.js';
import type { ResultCache } from './result-cache.js';
import { readSourceText } from './source-text.js';

export interface CachedRun {
  /** One per input file, in the same order. */
  analyses: FileAnalysis[];
  rules: RuleSummary[];
}

/**
 * A run in which no file changed, answered from `--cache` alone: neither TypeScript nor the engine
 * is loaded (they are most of a warm run's time). Undefined as soon as one file must be analyzed.
 */
export function cachedRun(files: readonly string[], options: { cache: ResultCache; versions: ClientVersionReader; typeCheck: boolean; root: string }): CachedRun | undefined {
  const { cache, versions } = options;
  const rules = cache.getRecord<{ rules?: RuleSummary[] }>(rulesRecordName(cache))?.rules;
  if (!Array.isArray(rules)) return undefined;
  const analyses = new Array<FileAnalysis>(files.length);
  const untyped: number[] = [];
  if (options.typeCheck) {
    // Which project a file belongs to needs its config read (TypeScript): the records say it instead.
    const locator = new ProjectLocator({ fallbackRoot: options.root });
    const byConfig = new Map<string, number[]>();
    const inferred = new Map<string, number[]>();
    const add = (groups: Map<string, number[]>, key: string, index: number): void => {
      const group = groups.get(key);
      if (group) group.push(index);
      else groups.set(key, [index]);
    };
    files.forEach((file, index) => {
      const configFile = locator.nearestConfig(path.dirname(file));
      if (configFile !== undefined) add(byConfig, configFile, index);
      else add(inferred, inferredProjectKey(locator.inferredRoot(file)), index);
    });
    const settle = (key: string, indexes: readonly number[]): number[] | undefined => {
      const warm = cachedProgramFindings(key, indexes.map((index) => files[index]!), { cache, versions });
      if (!warm) return undefined;
      const notInProgram = new Set(warm.outside);
      const outside: number[] = [];
      for (const index of indexes) {
        const hit = warm.found.get(files[index]!);
        if (hit) analyses[index] = analysisFromCache(files[index]!, hit.source, hit.cached);
        else if (notInProgram.has(files[index]!)) outside.push(index);
        else return undefined;
      }
      return outside;
    };
    for (const [configFile, indexes] of byConfig) {
      const outside = settle(configFile, indexes);
      if (!outside) return undefined;
      // Files a config does not include belong to their package's inferred project.
      for (const index of outside) add(inferred, inferredProjectKey(locator.inferredRoot(files[index]!)), index);
    }
    for (const [key, indexes] of inferred) {
      const outside = settle(key, indexes);
      if (!outside) return undefined;
      untyped.push(...outside);
    }
  } else {
    untyped.push(...files.keys());
  }
  for (const index of untyped) {
    const file = files[index]!;
    const unchanged = cache.getUnchanged(file, (textHash) => cache.untypedKey(file, versions.forFile(file), textHash));
    if (unchanged && !unchanged.typed) {
      const quiet = unchanged.findings.length === 0 && unchanged.unusedDirectives.length === 0;
      const lines = quiet ? undefined : linesFromFacts(unchanged.reporting, unchanged.findings.length, unchanged.unusedDirectives.length);
      if (quiet || lines) {
        analyses[index] = unreadAnalysis(file, unchanged, lines);
        continue;
      }
    }
    const stamp = stampOf(file);
    const source = readSourceText(file);
    if (!source.ok) return undefined;
    const textHash = hashOf(source.text);
    const hit = cache.get(file, cache.untypedKey(file, versions.forFile(file), textHash), stamp && { ...stamp, textHash });
    if (!hit || hit.typed) return undefined;
    analyses[index] = analysisFromCache(file, source, hit);
  }
  return { analyses, rules };
}

/** Remembers the rules of a run's configuration, which a cached run reports without loading them. */
export function rememberRules(cache: ResultCache, rules: readonly RuleSummary[]): void {
  cache.setRecord(rulesRecordName(cache), { rules });
}

function rulesRecordName(cache: ResultCache): string {
  return `rules:${cache.runKey}`;
}
