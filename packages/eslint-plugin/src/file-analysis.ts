import { analyzeSourceFile, type ClientVersions, type Finding, type ResolvedRule, type RuleDefinition } from '@redis-lint/analyzer';
import type { TSESLint } from '@typescript-eslint/utils';
import { engineInput, untypedInput, type EngineInput } from './engine-source-file.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What the engine needs to know about one file besides its text. */
export interface FileRequest {
  fileName: string;
  cluster: boolean;
  clientVersions: ClientVersions;
  /** Give a file the parser brought no program for the program of its project (see `engineInput`). */
  projects: boolean;
}

interface FileAnalysis {
  /** Every redis-lint rule ESLint enabled for this file, with its options, by rule id. */
  readonly enabled: Map<string, ResolvedRule>;
  /** Findings by rule id, for the rules analyzed so far. */
  readonly findings: Map<string, Finding[]>;
}

// ESLint makes a new SourceCode per file and per fix pass, so the key dies with the file's text.
const analyses = new WeakMap<SourceCode, FileAnalysis>();

/**
 * Called from each rule's `create()`. ESLint creates every enabled rule before it walks the file,
 * so by the first visitor the registry holds all of them and their options.
 */
export function enableRule(sourceCode: SourceCode, rule: RuleDefinition, options: Record<string, unknown>): void {
  // Severity is ESLint's business; the engine's is only a placeholder here.
  analysisOf(sourceCode).enabled.set(rule.id, { rule, severity: 'error', options });
}

/** One rule's findings; the first rule to ask runs the engine once for every enabled rule. */
export function findingsFor(sourceCode: SourceCode, ruleId: string, request: FileRequest): readonly Finding[] {
  const analysis = analysisOf(sourceCode);
  const known = analysis.findings.get(ruleId);
  if (known) return known;
  const pending = [...analysis.enabled.values()].filter(({ rule }) => !analysis.findings.has(rule.id));
  for (const { rule } of pending) analysis.findings.set(rule.id, []);
  if (!analysis.findings.has(ruleId)) analysis.findings.set(ruleId, []);
  for (const finding of analyze(sourceCode, pending, request)) analysis.findings.get(finding.ruleId)?.push(finding);
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

/** Never throws: a crash in typed mode retries untyped; a crash there reports nothing and warns once per file. */
function analyze(sourceCode: SourceCode, enabled: ResolvedRule[], request: FileRequest): Finding[] {
  if (enabled.length === 0) return [];
  const config = { rules: enabled, cluster: request.cluster };
  const run = (input: EngineInput): Finding[] => analyzeSourceFile(input.sourceFile, { config, program: input.program, clientVersions: request.clientVersions });
  try {
    return run(engineInput(sourceCode, request.fileName, request.projects));
  } catch (error) {
    try {
      return run(untypedInput(sourceCode, request.fileName));
    } catch {
      warn(request.fileName, error);
      return [];
    }
  }
}

function warn(fileName: string, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  process.emitWarning(`redis-lint could not analyze ${fileName}: ${reason}`, { code: 'REDIS_LINT_ANALYSIS_FAILED' });
}
