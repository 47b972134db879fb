import path from 'node:path';
import type { Finding, TextEdit } from '@redis-lint/analyzer';
import type { TSESLint } from '@typescript-eslint/utils';
import { messageData } from './message-data.js';

type Descriptor = TSESLint.ReportDescriptor<string>;

interface RuleShape {
  messages: Readonly<Record<string, string>>;
  fixable: boolean;
  hasSuggestions: boolean;
}

/** An engine finding as an ESLint report: offsets to locations, edits to fixer operations. */
export function reportDescriptor(finding: Finding, sourceCode: Readonly<TSESLint.SourceCode>, rule: RuleShape): Descriptor {
  const loc = { start: sourceCode.getLocFromIndex(finding.start), end: sourceCode.getLocFromIndex(finding.end) };
  // ESLint throws on a fix or suggestion the rule did not declare in `meta`.
  const fix = rule.fixable && finding.fix ? fixFor(finding.fix.edits) : undefined;
  const suggest =
    rule.hasSuggestions && finding.suggestions?.length
      ? finding.suggestions.map((suggestion) => ({ ...byMessage(suggestion.messageId, suggestion.message, rule.messages), fix: fixFor(suggestion.edits) }) as TSESLint.SuggestionReportDescriptor<string>)
      : undefined;
  const message = messageWithRelated(finding, (offset) => sourceCode.getLocFromIndex(offset).line);
  return { loc, ...byMessage(finding.messageId, message, rule.messages), ...(fix ? { fix } : {}), ...(suggest ? { suggest } : {}) } as Descriptor;
}

/** ESLint has no related locations: a helper's command beside the reported call goes into the text (with its file when it is another). */
export function messageWithRelated(finding: Finding, lineOf: (offset: number) => number): string {
  const related = finding.related ?? [];
  if (related.length === 0) return finding.message;
  const where = (location: (typeof related)[number]): string =>
    location.file === finding.file ? `line ${lineOf(location.start)}` : `${path.relative(path.dirname(finding.file), location.file).replace(/\\/g, '/')} line ${location.line}`;
  return `${finding.message} (${related.map((location) => `${location.message}, ${where(location)}`).join('; ')})`;
}

/** `messageId` + `data` when the engine's message comes from its template, else the plain message. */
function byMessage(messageId: string, message: string, messages: Readonly<Record<string, string>>): { messageId: string; data?: Record<string, string> } | { message: string } {
  const template = messages[messageId];
  const data = template === undefined ? undefined : messageData(template, message);
  if (!data) return { message };
  return Object.keys(data).length > 0 ? { messageId, data } : { messageId };
}

function fixFor(edits: readonly TextEdit[]): TSESLint.ReportFixFunction {
  return (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text));
}
