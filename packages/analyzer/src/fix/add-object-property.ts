import ts = require('typescript');
import type { TextEdit } from '../engine/finding.js';

/** Adds `key: value` to an object literal, keeping its one-line or multi-line layout. */
export function addObjectProperty(object: ts.ObjectLiteralExpression, propertyText: string): TextEdit {
  const sourceFile = object.getSourceFile();
  const properties = object.properties;
  const last = properties.at(-1);
  if (!last) return { start: object.getStart() + 1, end: object.getEnd() - 1, text: ` ${propertyText} ` };
  const text = sourceFile.text;
  const multiline = text.slice(object.getStart(), object.getEnd()).includes('\n');
  const trailingComma = properties.hasTrailingComma;
  if (multiline) {
    const lineStart = text.lastIndexOf('\n', last.getStart()) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    const insertAt = trailingComma ? text.indexOf(',', last.getEnd()) + 1 : last.getEnd();
    return { start: insertAt, end: insertAt, text: `${trailingComma ? '' : ','}\n${indent}${propertyText}${trailingComma ? ',' : ''}` };
  }
  return { start: last.getEnd(), end: last.getEnd(), text: `, ${propertyText}` };
}

export function isObjectLiteral(node: ts.Node | undefined): node is ts.ObjectLiteralExpression {
  return !!node && ts.isObjectLiteralExpression(node);
}
