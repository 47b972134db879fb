import type { Finding, LineIndex } from '@redis-lint/analyzer/findings';
import type { FileProblem } from './file-problem.js';

export interface AnalyzedFile {
  file: string;
  /** The text the finding offsets refer to (BOM stripped). */
  text: string;
  bom: boolean;
  /** Written back by `--fix` only when the bytes were valid UTF-8. */
  writable: boolean;
  lines: LineIndex;
  /** The findings its suppression comments leave. */
  findings: Finding[];
  /** Directives that suppressed nothing (only with `--report-unused-disable-directives`). */
  unusedDirectives: Finding[];
  typed: boolean;
  /** The fingerprints of `findings` and `unusedDirectives` kept from an earlier run (`--cache`); without them they are taken from `text`. */
  fingerprints?: { findings: readonly string[]; unusedDirectives: readonly string[] };
}

export interface FileAnalysis {
  analyzed: AnalyzedFile | undefined;
  problems: FileProblem[];
}
