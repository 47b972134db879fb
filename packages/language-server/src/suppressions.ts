import type { Finding, TextEdit } from '@redis-lint/analyzer';

const DIRECTIVE = /(?:\/\/|\/\*)\s*(redis-lint|eslint)-disable-(next-line|line)\b([^\n*]*?)(?:\*\/|$)/g;
const BLOCK_DIRECTIVE = /(?:\/\/|\/\*)\s*(redis-lint|eslint)-(disable|enable)(?![-\w])([^\n*]*)/g;
const OWN_NEXT_LINE = /^(\s*\/\/\s*redis-lint-disable-next-line\s+)(\S.*)$/;

/**
 * Whether a comment disables the finding's rule: `redis-lint-disable-next-line` (or
 * `eslint-disable-next-line @redis-lint/<id>`) on the line above, `…-disable-line` on the line itself,
 * or a `redis-lint-disable` … `redis-lint-enable` block around it; without ids a directive covers every
 * rule. The CLI honours the same comments.
 */
export function isSuppressed(text: string, finding: Pick<Finding, 'ruleId' | 'start'>): boolean {
  if (!text.includes('-disable')) return false;
  if (inDisabledBlock(text, finding)) return true;
  const lineStart = lineStartOf(text, finding.start);
  const lineEnd = lineEndOf(text, finding.start);
  if (lineStart > 0 && disables(text.slice(lineStartOf(text, lineStart - 1), lineStart), 'next-line', finding.ruleId)) return true;
  return disables(text.slice(lineStart, lineEnd), 'line', finding.ruleId);
}

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

function inDisabledBlock(text: string, finding: Pick<Finding, 'ruleId' | 'start'>): boolean {
  let all = false;
  const disabled = new Set<string>();
  const enabledUnderAll = new Set<string>();
  for (const match of text.matchAll(BLOCK_DIRECTIVE)) {
    if (match.index >= finding.start) break;
    const ids = ownIds(match[1]!, match[3] ?? '');
    if (ids === undefined) continue;
    if (match[2] === 'disable') {
      if (ids === 'all') {
        all = true;
        enabledUnderAll.clear();
      } else {
        for (const id of ids) {
          disabled.add(id);
          enabledUnderAll.delete(id);
        }
      }
    } else if (ids === 'all') {
      all = false;
      disabled.clear();
      enabledUnderAll.clear();
    } else {
      for (const id of ids) {
        disabled.delete(id);
        if (all) enabledUnderAll.add(id);
      }
    }
  }
  return disabled.has(finding.ruleId) || (all && !enabledUnderAll.has(finding.ruleId));
}

/** The redis-lint rule ids a directive names; `all` when it names none; undefined when it names only other tools' rules. */
function ownIds(tool: string, list: string): string[] | 'all' | undefined {
  const named = list.split('--')[0]!.split(',').map((id) => id.trim()).filter((id) => id.length > 0);
  if (named.length === 0) return 'all';
  const own = named.flatMap((id) => (id.startsWith('@redis-lint/') ? [id.slice('@redis-lint/'.length)] : tool === 'redis-lint' ? [id] : []));
  return own.length > 0 ? own : undefined;
}

function disables(line: string, kind: 'next-line' | 'line', ruleId: string): boolean {
  for (const match of line.replace(/\r?\n$/, '').matchAll(DIRECTIVE)) {
    if (match[2] !== kind) continue;
    const ids = (match[3] ?? '').split('--')[0]!.split(',').map((id) => id.trim()).filter((id) => id.length > 0);
    if (ids.length === 0) return true;
    const wanted = match[1] === 'eslint' ? `@redis-lint/${ruleId}` : ruleId;
    if (ids.includes(wanted) || ids.includes(`@redis-lint/${ruleId}`)) return true;
  }
  return false;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}
