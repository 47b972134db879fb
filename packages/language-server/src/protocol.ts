import { NotificationType } from 'vscode-languageserver-protocol';

/**
 * The custom protocol between the redis-lint server and its clients. It imports nothing from the
 * server so the VS Code client can bundle it alone.
 */

/** The `workspace/configuration` section the server asks for, and the VS Code settings prefix. */
export const SETTINGS_SECTION = 'redisLint';

/** The code action kind of "fix every safe redis-lint problem in this file". */
export const FIX_ALL_KIND = 'source.fixAll.redis-lint';

/** Server commands (`workspace/executeCommand`). */
export const SHOW_DOCUMENTATION_COMMAND = 'redisLint.showDocumentation';
export const APPLY_FIX_ALL_COMMAND = 'redisLint.applyFixAll';

export interface AnalysisDoneParams {
  uri: string;
  /** The document version that was analyzed. */
  version: number;
  findingCount: number;
  /** Whether a TypeScript program (tsconfig) backed the analysis. */
  typed: boolean;
  /**
   * The first answer before the program is built: on open, from the text alone; after an edit of a
   * typed document, from the new text and the typed facts of an earlier version. The final answer
   * for the same version follows (unless a newer version came).
   */
  provisional?: boolean;
  durationMs: number;
  /** Of `durationMs`, the time TypeScript took to bring the program and its type checker up to date (typed answers only). */
  programMs?: number;
  /** ISO 8601 time the analysis finished. */
  finishedAt: string;
}

/** Sent after every analysis of a document; the VS Code status bar shows it. */
export const AnalysisDoneNotification = new NotificationType<AnalysisDoneParams>('redisLint/analysisDone');
