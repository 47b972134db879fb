import type ts from 'typescript';
import type { RelatedLocation } from './finding.js';

/** A related location with its positions resolved, for hosts that hold only the finding's own file. */
export function relatedLocation(sourceFile: ts.SourceFile, start: number, end: number, message: string): RelatedLocation {
  const from = sourceFile.getLineAndCharacterOfPosition(start);
  const to = sourceFile.getLineAndCharacterOfPosition(end);
  return { file: sourceFile.fileName, start, end, line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1, message };
}
