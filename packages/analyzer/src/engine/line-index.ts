/**
 * 1-based lines and UTF-16 columns of offsets in one text (the unit of engine offsets and SARIF's
 * default `columnKind`). Line breaks as ESLint and TypeScript count them: CRLF, LF, CR, U+2028, U+2029.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  /** The index of a text whose line starts are known (kept from an earlier read of it). */
  static fromStarts(starts: readonly number[]): LineIndex {
    const index = new LineIndex('');
    index.starts.push(...starts.slice(1));
    return index;
  }

  constructor(text: string) {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 13 && text.charCodeAt(index + 1) === 10) index++;
      if (code === 10 || code === 13 || code === 0x2028 || code === 0x2029) this.starts.push(index + 1);
    }
  }

  /** The offset of each line's first character, the first line's (0) included. */
  get lineStarts(): readonly number[] {
    return this.starts;
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** `{ line, column }`, both 1-based. */
  positionOf(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }
}
