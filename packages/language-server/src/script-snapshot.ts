import type ts from 'typescript';
import { textChange } from './text-change.js';

/**
 * A file's text for the TypeScript language service, which reparses a changed file incrementally
 * when the snapshot tells what changed since the previous one (TypeScript's own `fromString`
 * snapshot does not, so every keystroke cost a full parse of the edited file).
 */
export class ScriptSnapshot implements ts.IScriptSnapshot {
  constructor(readonly text: string) {}

  getText(start: number, end: number): string {
    return this.text.substring(start, end);
  }

  getLength(): number {
    return this.text.length;
  }

  getChangeRange(oldSnapshot: ts.IScriptSnapshot): ts.TextChangeRange | undefined {
    if (!(oldSnapshot instanceof ScriptSnapshot)) return undefined;
    const { start, oldEnd, newEnd } = textChange(oldSnapshot.text, this.text);
    return { span: { start, length: oldEnd - start }, newLength: newEnd - start };
  }
}
