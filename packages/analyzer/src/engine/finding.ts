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
}
