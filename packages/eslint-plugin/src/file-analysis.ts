import { analyzeSourceFile, resolveConfig, rules, type ClientVersions, type Finding, type RuleSetting } from '@redis-lint/analyzer';
import type { TSESLint } from '@typescript-eslint/utils';
import { engineInput, untypedInput, type EngineInput } from './engine-source-file.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What the engine needs to know about one file besides its text. */
export interface FileRequest {
  fileName: string;
  cluster: boolean;
  clientVersions: ClientVersions;
}

interface FileAnalysis {
  /** Options of every redis-lint rule ESLint enabled for this file, by rule id. */
  readonly enabled: Map<string, Record<string, unknown>>;
  /** Findings by rule id, for the rules analyzed so far. */
  readonly findings: Map<string, Finding[]>;
}

// ESLint makes a new SourceCode per file and per fix pass, so the key dies with the file's text.
const analyses = new WeakMap<SourceCode, FileAnalysis>();

/**
 * Called from each rule's `create()`. ESLint creates every enabled rule before it walks the file,
 * so by the first visitor the registry holds all of them and their options.
 */
export function enableRule(sourceCode: SourceCode, ruleId: string, options: Record<string, unknown>): void {
  analysisOf(sourceCode).enabled.set(ruleId, options);
}

/** One rule's findings; the first rule to ask runs the engine once for every enabled rule. */
export function findingsFor(sourceCode: SourceCode, ruleId: string, request: FileRequest): readonly Finding[] {
  const analysis = analysisOf(sourceCode);
  const known = analysis.findings.get(ruleId);
  if (known) return known;
  const pending = [...analysis.enabled].filter(([id]) => !analysis.findings.has(id));
  const settings: Record<string, RuleSetting> = {};
  for (const [id, options] of pending) settings[id] = ['error', options];
  for (const [id] of pending) analysis.findings.set(id, []);
  if (!analysis.findings.has(ruleId)) analysis.findings.set(ruleId, []);
  for (const finding of analyze(sourceCode, settings, request)) analysis.findings.get(finding.ruleId)?.push(finding);
  return analysis.findings.get(ruleId)!;
}

function analysisOf(sourceCode: SourceCode): FileAnalysis {
  let analysis = analyses.get(sourceCode);
  if (!analysis) {
    analysis = { enabled: new Map(), findings: new Map() };
    analyses.set(sourceCode, analysis);
  }
  return analysis;
}

/** Never throws: a crash in typed mode retries untyped, a crash there reports nothing and warns. */
function analyze(sourceCode: SourceCode, settings: Record<string, RuleSetting>, request: FileRequest): Finding[] {
  const config = resolveConfig(rules, { rules: settings, cluster: request.cluster }, 'none');
  const run = (input: EngineInput): Finding[] => analyzeSourceFile(input.sourceFile, { config, program: input.program, clientVersions: request.clientVersions });
  let input: EngineInput | undefined;
  try {
    input = engineInput(sourceCode, request.fileName);
    return run(input);
  } catch (error) {
    if (input?.program) {
      try {
        return run(untypedInput(sourceCode, request.fileName));
      } catch (untypedError) {
        warn(request.fileName, untypedError);
        return [];
      }
    }
    warn(request.fileName, error);
    return [];
  }
}

function warn(fileName: string, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  process.emitWarning(`redis-lint could not analyze ${fileName}: ${reason}`, { code: 'REDIS_LINT_ANALYSIS_FAILED' });
}
