import ts = require('typescript');
import { parseFile } from '@redis-lint/analyzer';
import { textChange } from './text-change.js';

/**
 * Parses a document's new text from its previous tree, reusing the nodes outside the edited span
 * as TypeScript's own language service does: a keystroke costs a fraction of a full parse.
 */
export class IncrementalParser {
  private readonly trees = new Map<string, ts.SourceFile>();

  parse(uri: string, fileName: string, text: string): ts.SourceFile {
    const previous = this.trees.get(uri);
    // TypeScript moves the previous tree's nodes into the new one: it can serve once, and is dropped first in case that throws.
    this.trees.delete(uri);
    const sourceFile = previous?.fileName === fileName ? reparse(previous, text) : parseFile(fileName, text);
    this.trees.set(uri, sourceFile);
    return sourceFile;
  }

  forget(uri: string): void {
    this.trees.delete(uri);
  }
}

function reparse(previous: ts.SourceFile, text: string): ts.SourceFile {
  const { start, oldEnd, newEnd } = textChange(previous.text, text);
  return ts.updateSourceFile(previous, text, { span: { start, length: oldEnd - start }, newLength: newEnd - start });
}
