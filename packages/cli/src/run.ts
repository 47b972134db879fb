import fs from 'node:fs';
import type { ResolvedConfig, UserConfig } from '@redis-lint/analyzer';
import { sortFindings, type Finding } from '@redis-lint/analyzer/findings';
import { ClientVersionReader } from '@redis-lint/analyzer/node';
import type { AnalyzedFile } from './analyzed-file.js';
import { analyzeWithCache, type RunAnalysis } from './analyze-with-cache.js';
import type { Baseline, BaselineEntry } from './baseline.js';
import type { EngineAnalysis } from './engine-analysis.js';
import type { FileProblem } from './file-problem.js';
import { fingerprints } from './fingerprint.js';
import { applyFixes, MAX_FIX_PASSES } from './fix.js';
import type { FileReport, LintReport, ReportedFinding, RuleSummary } from './lint-report.js';
import { relativePath } from './relative-path.js';
import { ResultCache } from './result-cache.js';

export interface RunOptions {
  root: string;
  cwd: string;
  files: readonly string[];
  /** Problems found before analysis (discovery). */
  problems: readonly FileProblem[];
  /** The configuration as written, resolved against the rules only when the engine is loaded; or a resolved one (rules of your own). */
  config: UserConfig | ResolvedConfig;
  /** The file the configuration came from, for error messages. */
  configFile?: string | undefined;
  typeCheck: boolean;
  fix: boolean;
  baseline: Baseline | undefined;
  reportUnusedDisableDirectives: boolean;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** `--cache`: the directory of the cache; undefined analyzes every file. */
  cacheLocation?: string | undefined;
  /** Worker threads for untyped files: `auto` (the default: only for many files on several cores) or an exact count, 0 for none. */
  threads?: number | 'auto' | undefined;
}

export interface RunResult {
  report: LintReport;
  /** Every finding after suppressions, before the baseline filter: what `--update-baseline` records. */
  baselineEntries: BaselineEntry[];
}

/** Analyzes the files, applies suppressions, the baseline and (with `--fix`) fixes until stable. */
export async function run(options: RunOptions): Promise<RunResult> {
  const session: RunSession = {
    cache: options.cacheLocation === undefined ? undefined : new ResultCache(options.cacheLocation, { config: options.config, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives }),
    versions: new ClientVersionReader(),
    engine: undefined,
  };
  try {
    return await runPasses(options, session);
  } finally {
    session.cache?.flush();
  }
}

async function runPasses(options: RunOptions, session: RunSession): Promise<RunResult> {
  let fixed = 0;
  for (let pass = 1; ; pass++) {
    const outcome = await analyzeAll(options, session);
    if (!options.fix || pass > MAX_FIX_PASSES) return finish(outcome, options, fixed);
    let applied = 0;
    for (const { analyzed, reported } of outcome.files) {
      if (!reported.some((finding) => finding.fix) || !analyzed.writable) continue;
      const result = applyFixes(analyzed.text, reported);
      if (result.applied === 0 || result.text === analyzed.text) continue;
      try {
        fs.writeFileSync(analyzed.file, (analyzed.bom ? '\uFEFF' : '') + result.text);
        applied += result.applied;
      } catch (error) {
        outcome.problems.push({ file: analyzed.file, level: 'error', kind: 'unwritable-file', message: `Cannot write the fixes: ${(error as NodeJS.ErrnoException).code ?? String(error)}.` });
        return finish(outcome, options, fixed);
      }
    }
    if (applied === 0) return finish(outcome, options, fixed);
    fixed += applied;
  }
}

interface FileOutcome {
  analyzed: AnalyzedFile;
  /** Findings after suppressions and the baseline, with unused-directive findings. */
  reported: ReportedFinding[];
  /** Findings after suppressions, before the baseline. */
  all: ReportedFinding[];
}

interface Outcome {
  files: FileOutcome[];
  problems: FileProblem[];
  baselined: number;
  rules: RuleSummary[];
}

/** What the passes of one run share. */
interface RunSession {
  cache: ResultCache | undefined;
  versions: ClientVersionReader;
  engine: EngineAnalysis | undefined;
}

async function analyzeAll(options: RunOptions, session: RunSession): Promise<Outcome> {
  const { cache, versions } = session;
  const { analyses, problems: projectProblems, rules } = await analyzeWithCache(options.files, { cache, versions, typeCheck: options.typeCheck, root: options.root }, (handed) => analyzeWithEngine(options, session, handed));
  const problems: FileProblem[] = [...options.problems, ...projectProblems];
  const files: FileOutcome[] = [];
  let baselined = 0;
  analyses.forEach(({ analyzed, problems: fileProblems }, index) => {
    const file = options.files[index]!;
    problems.push(...fileProblems);
    if (!analyzed) return;
    const relativeFile = relativePath(options.root, file);
    const all = resolve(analyzed, analyzed.findings, analyzed.fingerprints?.findings, relativeFile, options.root);
    const fresh = options.baseline ? all.filter((finding) => !options.baseline!.has({ ruleId: finding.ruleId, file: relativeFile, fingerprint: finding.fingerprint })) : all;
    baselined += all.length - fresh.length;
    const reported = sortFindings([...fresh, ...resolve(analyzed, analyzed.unusedDirectives, analyzed.fingerprints?.unusedDirectives, relativeFile, options.root)]) as ReportedFinding[];
    files.push({ analyzed, reported, all });
  });
  return { files, problems, baselined, rules };
}

async function analyzeWithEngine(options: RunOptions, session: RunSession, cache: ResultCache | undefined): Promise<RunAnalysis> {
  if (!session.engine) {
    const { EngineAnalysis } = await import('./engine-analysis.js');
    session.engine = EngineAnalysis.create(options.config, options.configFile);
  }
  const analysis = session.engine.analyze(options.files, {
    typeCheck: options.typeCheck,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    versions: session.versions,
    cache,
    threads: options.threads ?? 'auto',
    root: options.root,
    onProgress: options.onProgress,
  });
  return { ...analysis, rules: session.engine.rules };
}

/** `known`: the findings' fingerprints when an earlier run kept them (`--cache`), so the text need not be read. */
function resolve(analyzed: AnalyzedFile, findings: readonly Finding[], known: readonly string[] | undefined, relativeFile: string, root: string): ReportedFinding[] {
  if (findings.length === 0) return [];
  const prints = known ?? fingerprints(analyzed.text, findings);
  return findings.map((finding, index) => {
    const start = analyzed.lines.positionOf(finding.start);
    const end = analyzed.lines.positionOf(finding.end);
    const reported: ReportedFinding = { ...finding, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, fingerprint: prints[index]!, relativeFile };
    if (finding.fix) {
      reported.fixRegions = finding.fix.edits.map((edit) => {
        const from = analyzed.lines.positionOf(edit.start);
        const to = analyzed.lines.positionOf(edit.end);
        return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column, text: edit.text };
      });
    }
    // A helper's command beside its call, in this file or (typed) in the module the helper is imported from.
    if (finding.related?.length) {
      reported.relatedRegions = finding.related.map((location) => {
        if (location.file !== finding.file) {
          return { file: relativePath(root, location.file), startLine: location.line, startColumn: location.column, endLine: location.endLine, endColumn: location.endColumn, message: location.message };
        }
        const from = analyzed.lines.positionOf(location.start);
        const to = analyzed.lines.positionOf(location.end);
        return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column, message: location.message };
      });
    }
    return reported;
  });
}

function finish(outcome: Outcome, options: RunOptions, fixed: number): RunResult {
  const files: FileReport[] = outcome.files
    .map(({ analyzed, reported }) => ({ file: analyzed.file, relativeFile: relativePath(options.root, analyzed.file), findings: reported }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const baselineEntries = outcome.files.flatMap(({ all }) => all.map((finding) => ({ ruleId: finding.ruleId, file: finding.relativeFile, fingerprint: finding.fingerprint })));
  const problems = [...outcome.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return {
    report: {
      root: options.root,
      cwd: options.cwd,
      files,
      problems,
      rules: outcome.rules,
      baselined: outcome.baselined,
      fixed,
    },
    baselineEntries,
  };
}
