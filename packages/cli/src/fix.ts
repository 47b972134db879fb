import type { Finding, TextEdit } from '@redis-lint/analyzer';

/** At most this many analyze-and-fix passes per run (ESLint's number), so fixes that feed each other still settle. */
export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  text: string;
  /** Findings whose fix was applied in this pass. */
  applied: number;
}

/**
 * Applies the safe fixes of `findings` to `text`: whole fixes only, never two that touch or
 * overlap (the later one waits for the next pass, on re-analyzed text).
 */
export function applyFixes(text: string, findings: readonly Finding[]): FixOutcome {
  const fixes = findings
    .flatMap((finding) => (finding.fix && finding.fix.edits.length > 0 ? [finding.fix.edits] : []))
    .map((edits) => ({ edits, start: Math.min(...edits.map((edit) => edit.start)), end: Math.max(...edits.map((edit) => edit.end)) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const accepted: TextEdit[] = [];
  let applied = 0;
  let lastEnd = -1;
  for (const fix of fixes) {
    if (fix.start <= lastEnd || fix.end > text.length) continue;
    accepted.push(...fix.edits);
    lastEnd = fix.end;
    applied++;
  }
  let result = text;
  for (const edit of accepted.sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return { text: result, applied };
}
