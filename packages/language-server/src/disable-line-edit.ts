import type { Finding, TextEdit } from '@redis-lint/analyzer';

const OWN_NEXT_LINE = /^(\s*\/\/\s*redis-lint-disable-next-line\s+)(\S.*)$/;

/** The edit behind "Disable <rule> for this line": a new directive above, or the id added to one already there. */
export function disableNextLineEdit(text: string, finding: Pick<Finding, 'ruleId' | 'start'>): TextEdit {
  const lineStart = lineStartOf(text, finding.start);
  if (lineStart > 0) {
    const previousStart = lineStartOf(text, lineStart - 1);
    const previous = text.slice(previousStart, lineStart).replace(/\r?\n$/, '');
    const match = OWN_NEXT_LINE.exec(previous);
    const ids = match?.[2]?.split(/\s+--/)[0]?.trimEnd();
    if (match?.[1] !== undefined && ids) {
      const at = previousStart + match[1].length + ids.length;
      return { start: at, end: at, text: `, ${finding.ruleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { start: lineStart, end: lineStart, text: `${indent}// redis-lint-disable-next-line ${finding.ruleId}${eol}` };
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
