import { UNUSED_DIRECTIVE_RULE_ID, type Finding } from './finding.js';
import { scanComments } from './comments.js';
import { LineIndex } from './line-index.js';

export { UNUSED_DIRECTIVE_RULE_ID };

type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

interface Directive {
  kind: DirectiveKind;
  source: 'redis-lint' | 'eslint';
  /** Bare rule ids, or `all` when the comment names none. */
  ruleIds: string[] | 'all';
  start: number;
  end: number;
  /** 1-based line the directive is about: the next line, the same line, or where the block starts. */
  line: number;
  used: Set<string>;
}

const DIRECTIVE = /^\s*(redis-lint|eslint)-(disable-next-line|disable-line|disable|enable)(?=\s|$)([\s\S]*)$/;
const PREFIX = '@redis-lint/';

export interface SuppressionResult {
  kept: Finding[];
  /** `--report-unused-disable-directives`: one finding per directive (or rule id in it) that suppressed nothing. */
  unused: Finding[];
}

/**
 * `// redis-lint-disable-next-line <id> -- reason`, `redis-lint-disable-line`, `redis-lint-disable` …
 * `redis-lint-enable` blocks, and the same `eslint-*` comments naming `@redis-lint/<id>` (or no rule).
 */
export function applySuppressions(fileName: string, text: string, findings: readonly Finding[], reportUnused = false, lines = new LineIndex(text)): SuppressionResult {
  if ((findings.length === 0 && !reportUnused) || !/(?:redis-lint|eslint)-(?:disable|enable)/.test(text)) return { kept: [...findings], unused: [] };
  const directives = parseDirectives(text, lines);
  if (directives.length === 0) return { kept: [...findings], unused: [] };
  const blocks = directives.filter((directive) => directive.kind === 'disable' || directive.kind === 'enable');
  const kept = findings.filter((finding) => {
    const line = lines.lineOf(finding.start);
    const lineDirective = directives.find(
      (directive) => (directive.kind === 'disable-next-line' || directive.kind === 'disable-line') && directive.line === line && covers(directive, finding.ruleId),
    );
    const suppressor = lineDirective ?? blockSuppressor(blocks, finding);
    if (!suppressor) return true;
    suppressor.used.add(suppressor.ruleIds === 'all' ? '*' : finding.ruleId);
    return false;
  });
  return { kept, unused: reportUnused ? unusedFindings(fileName, directives) : [] };
}

function covers(directive: Directive, ruleId: string): boolean {
  return directive.ruleIds === 'all' || directive.ruleIds.includes(ruleId);
}

function blockSuppressor(blocks: readonly Directive[], finding: Finding): Directive | undefined {
  let all: Directive | undefined;
  const exceptions = new Set<string>();
  const byRule = new Map<string, Directive>();
  for (const directive of blocks) {
    if (directive.start >= finding.start) break;
    if (directive.kind === 'disable') {
      if (directive.ruleIds === 'all') {
        all = directive;
        exceptions.clear();
      } else {
        for (const id of directive.ruleIds) {
          byRule.set(id, directive);
          exceptions.delete(id);
        }
      }
    } else if (directive.ruleIds === 'all') {
      all = undefined;
      byRule.clear();
    } else {
      for (const id of directive.ruleIds) {
        byRule.delete(id);
        if (all) exceptions.add(id);
      }
    }
  }
  return byRule.get(finding.ruleId) ?? (all && !exceptions.has(finding.ruleId) ? all : undefined);
}

function parseDirectives(text: string, lines: LineIndex): Directive[] {
  const directives: Directive[] = [];
  for (const comment of scanComments(text)) {
    const match = DIRECTIVE.exec(comment.body);
    if (!match) continue;
    const source = match[1] as Directive['source'];
    const kind = match[2] as DirectiveKind;
    const names = (match[3] ?? '').split(/\s--(?:\s|$)/)[0]!.split(/[\s,]+/).filter((name) => name !== '');
    let ruleIds: Directive['ruleIds'];
    if (names.length === 0) ruleIds = 'all';
    else if (source === 'eslint') {
      ruleIds = names.filter((name) => name.startsWith(PREFIX)).map((name) => name.slice(PREFIX.length));
      // An ESLint directive for other plugins' rules only is none of our business.
      if (ruleIds.length === 0) continue;
    } else ruleIds = names.map((name) => (name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name));
    const line = kind === 'disable-next-line' ? lines.lineOf(comment.end) + 1 : lines.lineOf(comment.start);
    directives.push({ kind, source, ruleIds, start: comment.start, end: comment.end, line, used: new Set() });
  }
  return directives;
}

function unusedFindings(fileName: string, directives: readonly Directive[]): Finding[] {
  const unused: Finding[] = [];
  for (const directive of directives) {
    if (directive.kind === 'enable') continue;
    const name = `${directive.source}-${directive.kind}`;
    const base = { ruleId: UNUSED_DIRECTIVE_RULE_ID, severity: 'error' as const, file: fileName, start: directive.start, end: directive.end };
    if (directive.ruleIds === 'all') {
      // A bare eslint-disable may be there for ESLint's own rules; only ours are judged.
      if (directive.source === 'redis-lint' && directive.used.size === 0) {
        unused.push({ ...base, messageId: 'unusedDirective', message: `Unused ${name} directive (no problems were reported).` });
      }
      continue;
    }
    for (const id of directive.ruleIds) {
      if (!directive.used.has(id)) {
        unused.push({ ...base, messageId: 'unusedDirective', message: `Unused ${name} directive (no problems were reported from "${id}").` });
      }
    }
  }
  return unused;
}
