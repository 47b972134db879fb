import type { FindingKey } from './finding-key.js';

export type Severity = 'error' | 'warn';

/** A replacement of the UTF-16 range `[start, end)` of the analyzed text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** What the fix does, in one short imperative sentence. */
  message: string;
  edits: TextEdit[];
}

export interface Suggestion extends Fix {
  messageId: string;
  /** The values interpolated into the message template (ESLint reports by messageId + data). */
  data?: Record<string, string | number>;
}

/** Another place a finding is about: the command inside the helper a reported call goes through. */
export interface RelatedLocation {
  /** The file name as the host gave it to the engine. */
  file: string;
  start: number;
  end: number;
  /** 1-based line and column (UTF-16) of `start` and `end` in `file`: a host has only the finding's own file's text. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** One reported problem: plain data that every host maps to its own shape. */
export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  /** The values interpolated into the message template (ESLint reports by messageId + data). */
  data?: Record<string, string | number>;
  severity: Severity;
  /** The file name exactly as the host gave it to the engine. */
  file: string;
  start: number;
  end: number;
  /** An edit safe to apply without review (`--fix`, ESLint `fix`, LSP preferred action). */
  fix?: Fix;
  /** Edits that change behaviour and need a human's review. */
  suggestions?: Suggestion[];
  /** The keys the finding is about, where their pattern can be stated (for live keyspace facts). */
  keys?: FindingKey[];
  /** Where else to look: reported at a helper's call, the command inside the helper (SARIF `relatedLocations`, LSP `relatedInformation`). */
  related?: RelatedLocation[];
}

/** The findings of unused `redis-lint-disable` / `eslint-disable` directives carry this rule id. */
export const UNUSED_DIRECTIVE_RULE_ID = 'unused-disable-directive';

/** By file, then position, then rule id: the order every host reports in. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)));
}
