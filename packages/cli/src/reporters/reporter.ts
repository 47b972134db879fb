import type { LintReport } from '../lint-report.js';

export interface ReporterOptions {
  /** ANSI colours: only when writing to a TTY. */
  color: boolean;
}

/** A reporter turns a run into text; the CLI decides where the text goes. */
export type Reporter = (report: LintReport, options: ReporterOptions) => string;
