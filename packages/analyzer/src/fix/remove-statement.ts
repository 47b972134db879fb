import ts = require('typescript');
import type { TextEdit } from '../engine/finding.js';

/**
 * Removes the expression statement made of `expression` (optionally awaited), with its line when
 * it stands alone on it; undefined when the expression is part of something larger.
 */
export function removeStatement(expression: ts.Expression): TextEdit | undefined {
  let node: ts.Node = expression;
  while (node.parent && (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent))) node = node.parent;
  const statement = node.parent;
  if (!statement || !ts.isExpressionStatement(statement)) return undefined;
  const text = statement.getSourceFile().text;
  const start = statement.getStart();
  const end = statement.getEnd();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd === -1 ? text.length : lineEnd).trim() === '';
  if (alone) return { start: lineStart, end: lineEnd === -1 ? text.length : lineEnd + 1, text: '' };
  return { start, end, text: '' };
}
