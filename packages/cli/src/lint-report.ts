import type { Finding, Severity } from '@redis-lint/analyzer/findings';
import type { KeyspaceFacts, KeyspaceSummary } from '@redis-lint/keyspace/facts';
import type { FileProblem } from './file-problem.js';

/** A finding as reporters see it: positions resolved (1-based lines and UTF-16 columns) and its fingerprint. */
export interface ReportedFinding extends Finding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fingerprint: string;
  /** Repo-relative POSIX path (absolute when outside the root). */
  relativeFile: string;
  /** The fix's edits with resolved positions, for SARIF `fixes`. */
  fixRegions?: Array<{ startLine: number; startColumn: number; endLine: number; endColumn: number; text: string }>;
  /** `--redis-url`: what the live keyspace says about the finding's keys. */
  keyspace?: KeyspaceFacts;
  /** The finding's related locations, with resolved positions (SARIF `relatedLocations`); `file` (relative to the root) when not the finding's own. */
  relatedRegions?: Array<{ file?: string; startLine: number; startColumn: number; endLine: number; endColumn: number; message: string }>;
}

/** `--redis-url`: what the sampling did, or why it failed (the URL's password masked in both). */
export interface KeyspaceReport {
  target: string;
  summary?: KeyspaceSummary;
  error?: string;
}

/** A rule as reports name it (plain data: a fully cached run does not load the rules). */
export interface RuleSummary {
  id: string;
  description: string;
  severity: Severity;
}

export interface FileReport {
  /** Absolute path. */
  file: string;
  relativeFile: string;
  findings: ReportedFinding[];
}

/** Everything a run found; every reporter turns this into a string. */
export interface LintReport {
  /** Directory URIs and displayed paths are relative to (the git root, or the working directory). */
  root: string;
  cwd: string;
  /** Every analyzed file, sorted by path, with or without findings. */
  files: FileReport[];
  problems: FileProblem[];
  /** The rules that ran and their configured level, sorted by id. */
  rules: RuleSummary[];
  /** Findings recorded in the baseline and therefore not reported. */
  baselined: number;
  /** Findings `--fix` fixed in this run. */
  fixed: number;
  keyspace?: KeyspaceReport;
}

export interface Totals {
  errors: number;
  warnings: number;
  fixable: number;
}

export function totalsOf(report: LintReport): Totals {
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const file of report.files) {
    for (const finding of file.findings) {
      if (finding.severity === 'error') errors++;
      else warnings++;
      if (finding.fix) fixable++;
    }
  }
  return { errors, warnings, fixable };
}
