/**
 * A file the CLI could not analyze (fully): unreadable, binary, a syntax error, an engine failure.
 * Reported once per file and never fatal to the run.
 */
export interface FileProblem {
  /** Absolute path. */
  file: string;
  /** `error`: the file was not analyzed; `warning`: it was, with a caveat (syntax errors). */
  level: 'error' | 'warning';
  /** Stable id, also the SARIF notification descriptor: `unreadable-file`, `binary-file`, `syntax-error`, … */
  kind: string;
  message: string;
}
