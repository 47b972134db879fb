import { sortFindings, type Finding, type TextEdit } from '@redis-lint/analyzer';
import { movedRange, textChange, type TextChange } from './text-change.js';

/**
 * What the typed analysis of one version of a document changed in its untyped findings: those only
 * types find (a client imported from another file, a hot path through another file) and those types
 * rule out. Carried over an edit onto the next version's untyped findings, outside the edited span,
 * they give the typed answer before the new program is built; the typed analysis then confirms it.
 * Findings are compared before suppressions, which apply to the carried result as to any other.
 */
export class TypedFacts {
  private constructor(
    private readonly text: string,
    private readonly added: readonly Finding[],
    private readonly removed: readonly Finding[],
  ) {}

  static of(text: string, typed: readonly Finding[], untyped: readonly Finding[]): TypedFacts {
    const typedKeys = new Set(typed.map(keyOf));
    const untypedKeys = new Set(untyped.map(keyOf));
    return new TypedFacts(
      text,
      typed.filter((finding) => !untypedKeys.has(keyOf(finding))),
      untyped.filter((finding) => !typedKeys.has(keyOf(finding))),
    );
  }

  /** The findings of `text` the typed analysis is expected to give, from its untyped ones. */
  carry(text: string, untyped: readonly Finding[]): Finding[] {
    if (this.added.length === 0 && this.removed.length === 0) return [...untyped];
    const change = textChange(this.text, text);
    const removed = new Set(this.removed.flatMap((finding) => moved(finding, change) ?? []).map(keyOf));
    const kept = untyped.filter((finding) => !removed.has(keyOf(finding)));
    const keptKeys = new Set(kept.map(keyOf));
    const added = this.added.flatMap((finding) => moved(finding, change) ?? []).filter((finding) => !keptKeys.has(keyOf(finding)));
    return sortFindings([...kept, ...added]);
  }
}

/** Rule, message, range and edits: the file name is left out (the typed one is TypeScript's spelling of it). */
function keyOf(finding: Finding): string {
  const { file: _file, ...rest } = finding;
  return JSON.stringify(rest);
}

/** The finding at its place in the new text; `undefined` when the change touches it or one of its edits. */
function moved(finding: Finding, change: TextChange): Finding | undefined {
  const range = movedRange(change, finding.start, finding.end);
  if (!range) return undefined;
  const result: Finding = { ...finding, start: range[0], end: range[1] };
  if (finding.fix) {
    const edits = movedEdits(finding.fix.edits, change);
    if (!edits) return undefined;
    result.fix = { ...finding.fix, edits };
  }
  if (finding.suggestions) {
    const suggestions = [];
    for (const suggestion of finding.suggestions) {
      const edits = movedEdits(suggestion.edits, change);
      if (!edits) return undefined;
      suggestions.push({ ...suggestion, edits });
    }
    result.suggestions = suggestions;
  }
  return result;
}

function movedEdits(edits: readonly TextEdit[], change: TextChange): TextEdit[] | undefined {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    const range = movedRange(change, edit.start, edit.end);
    if (!range) return undefined;
    result.push({ ...edit, start: range[0], end: range[1] });
  }
  return result;
}
