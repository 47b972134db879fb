import type { Finding } from '@redis-lint/analyzer';
import { describeKeyspaceFacts, keyspaceFactsFor } from '@redis-lint/keyspace/facts';
import { MarkupKind, type Connection, type Hover, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalyzer } from './document-analyzer.js';
import { KeyspaceSamples } from './keyspace-samples.js';
import type { RedisLintSettings } from './settings.js';

/**
 * `textDocument/hover` on a diagnostic whose finding has key patterns, when `redisLint.redisUrl`
 * is set: what the live keyspace holds under those patterns. Registered only for a trusted workspace.
 */
export function registerKeyspaceHover(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  analyzer: DocumentAnalyzer,
  settingsOf: (uri: string) => Promise<RedisLintSettings>,
  samples = new KeyspaceSamples(),
): void {
  connection.onHover(async (params): Promise<Hover | null> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const { redisUrl } = await settingsOf(document.uri);
    if (!redisUrl) return null;
    const result = await analyzer.analyze(document);
    if (result.version !== document.version) return null;
    const offset = document.offsetAt(params.position);
    const hovered = result.findings.filter((finding) => finding.keys && finding.start <= offset && offset <= finding.end);
    if (hovered.length === 0) return null;
    const lines: string[] = [];
    let target = '';
    for (const finding of hovered) {
      const outcome = await samples.get(redisUrl, (finding.keys ?? []).map((key) => key.pattern));
      if ('error' in outcome) return hover(document, hovered, `redis-lint could not sample the keyspace: ${outcome.error}`, []);
      target = outcome.sample.summary.target;
      const facts = keyspaceFactsFor(finding, outcome.sample);
      if (facts) lines.push(`${finding.ruleId}: ${describeKeyspaceFacts(facts, finding.keys)}`);
      lines.push(...outcome.sample.summary.warnings.map((warning) => `warning: ${warning}`));
    }
    return hover(document, hovered, `redis-lint · live keyspace of ${target}`, [...new Set(lines)]);
  });
}

function hover(document: TextDocument, findings: readonly Finding[], title: string, lines: readonly string[]): Hover {
  const start = Math.min(...findings.map((finding) => finding.start));
  const end = Math.max(...findings.map((finding) => finding.end));
  // A code block: key patterns are full of `*`, which Markdown would read as emphasis.
  const body = lines.length > 0 ? `\n\n\`\`\`text\n${lines.join('\n')}\n\`\`\`` : '';
  return { contents: { kind: MarkupKind.Markdown, value: `**${title.replace(/[\\`*_[\]]/g, '\\$&')}**${body}` }, range: { start: document.positionAt(start), end: document.positionAt(end) } };
}
