import type ts from 'typescript';
import type { TextEdit } from '../engine/finding.js';

/** Adds `text` as the last argument of a call: `f(a)` → `f(a, text)`, `f()` → `f(text)`. */
export function appendArgument(call: ts.CallExpression | ts.NewExpression, text: string): TextEdit {
  const args = call.arguments ?? [];
  const last = args.at(-1);
  if (last) return { start: last.getEnd(), end: last.getEnd(), text: `, ${text}` };
  const sourceText = call.getSourceFile().text;
  const open = sourceText.indexOf('(', call.expression.getEnd());
  if (open !== -1 && open < call.getEnd()) return { start: open + 1, end: open + 1, text };
  return { start: call.getEnd(), end: call.getEnd(), text: `(${text})` };
}
