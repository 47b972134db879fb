import type { ClientVersionReader } from '@redis-lint/analyzer/node';
import type { FilesAnalysis } from './analyze-files.js';
import { cachedRun, rememberRules } from './cached-run.js';
import type { RuleSummary } from './lint-report.js';
import type { ResultCache } from './result-cache.js';

export interface RunAnalysis extends FilesAnalysis {
  rules: RuleSummary[];
}

export interface AnalyzeWithCacheOptions {
  /** `--cache`; undefined analyzes every file. */
  cache: ResultCache | undefined;
  versions: ClientVersionReader;
  typeCheck: boolean;
  root: string;
}

/**
 * Analyze, unless the cache already knows. A run in which no file changed is answered from the
 * cache alone (`cached-run.ts`), so neither TypeScript nor the engine is loaded; any other run is
 * `analyze`d, which is handed the cache to reuse the entries of unchanged files and store the others.
 */
export async function analyzeWithCache(files: readonly string[], options: AnalyzeWithCacheOptions, analyze: (cache: ResultCache | undefined) => Promise<RunAnalysis>): Promise<RunAnalysis> {
  const { cache } = options;
  if (!cache) return analyze(undefined);
  const known = cachedRun(files, { ...options, cache });
  if (known) return { ...known, problems: [] };
  const analysis = await analyze(cache);
  rememberRules(cache, analysis.rules);
  return analysis;
}
