import { docsUrl, type Finding, type Fix, type Suggestion } from '@redis-lint/analyzer';
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type Connection,
  type Diagnostic,
  type Position,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import type { AnalysisResult, DocumentAnalyzer } from './document-analyzer.js';
import { Debouncer } from './debouncer.js';

export const DIAGNOSTIC_SOURCE = 'redis-lint';

/** What code actions need, carried in `Diagnostic.data` (LSP 3.16); engine offsets into the analyzed version. */
export interface DiagnosticData {
  ruleId: string;
  /** The document version the offsets belong to; edits are refused for any other. */
  version: number;
  start: number;
  end: number;
  fix?: Fix;
  suggestions?: Suggestion[];
}

export interface PositionMapper {
  positionAt(offset: number): Position;
  /** The document's URI, for the related locations in it. */
  readonly uri?: string;
}

export function findingToDiagnostic(finding: Finding, text: PositionMapper, version: number): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, version, start: finding.start, end: finding.end };
  if (finding.fix) data.fix = finding.fix;
  if (finding.suggestions) data.suggestions = finding.suggestions;
  return {
    range: { start: text.positionAt(finding.start), end: text.positionAt(finding.end) },
    severity: finding.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    ...relatedInformation(finding, text),
    data,
  };
}

/** A helper's command beside the call reported: in the document, or (typed) in the module the helper is imported from. */
function relatedInformation(finding: Finding, text: PositionMapper): Pick<Diagnostic, 'relatedInformation'> {
  if (text.uri === undefined || !finding.related?.length) return {};
  return {
    relatedInformation: finding.related.map((location) => ({
      location:
        location.file === finding.file
          ? { uri: text.uri!, range: { start: text.positionAt(location.start), end: text.positionAt(location.end) } }
          : {
              uri: pathToFileURL(location.file).href,
              range: { start: { line: location.line - 1, character: location.column - 1 }, end: { line: location.endLine - 1, character: location.endColumn - 1 } },
            },
      message: location.message,
    })),
  };
}

/**
 * Finds a diagnostic's payload again for clients that drop `data`: rule, exact range and message
 * together, so two findings on one line do not collide.
 */
export function diagnosticKey(diagnostic: Pick<Diagnostic, 'code' | 'range' | 'message'>): string {
  const { start, end } = diagnostic.range;
  return `${String(diagnostic.code)}@${start.line}:${start.character}-${end.line}:${end.character}#${diagnostic.message}`;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Partial<DiagnosticData>;
  return typeof data.ruleId === 'string' && typeof data.version === 'number' && typeof data.start === 'number' && typeof data.end === 'number';
}

export type DiagnosticMode = 'pull' | 'push';

/**
 * Diagnostics on open and change: answered on request for clients that pull (LSP 3.17), published
 * after a quiet period for clients that only take pushed ones (Neovim 0.7).
 */
export function registerDiagnostics(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  analyzer: DocumentAnalyzer,
  options: { mode: DiagnosticMode; debounceMs: number; refreshSupport: boolean },
): { refresh(): void; dispose(): void } {
  const { mode, debounceMs } = options;
  const debouncer = new Debouncer(debounceMs);
  // What was last published per document: a typed answer equal to the provisional one is not sent again.
  const published = new Map<string, string>();
  const publish = (result: AnalysisResult): void => {
    if (documents.get(result.uri)?.version !== result.version) return;
    const sent = `${result.version}:${JSON.stringify(result.diagnostics)}`;
    if (published.get(result.uri) === sent) return;
    published.set(result.uri, sent);
    void connection.sendDiagnostics({ uri: result.uri, version: result.version, diagnostics: result.diagnostics });
  };
  const analyzeAndPublish = (document: TextDocument): void => {
    analyzer.analyze(document, publish).then(publish, (error: unknown) => connection.console.error(`redis-lint: analysis of ${document.uri} failed: ${String(error)}`));
  };

  if (mode === 'pull') {
    const changedAt = new Map<string, number>();
    documents.onDidChangeContent(({ document }) => changedAt.set(document.uri, Date.now()));
    documents.onDidClose(({ document }) => changedAt.delete(document.uri));
    connection.languages.diagnostics.on(async (params, token) => {
      // Typing sends a pull per keystroke; answer once the document has been quiet for a moment.
      const quietFor = Date.now() - (changedAt.get(params.textDocument.uri) ?? 0);
      if (quietFor < debounceMs) await new Promise((resolve) => setTimeout(resolve, debounceMs - quietFor));
      const document = documents.get(params.textDocument.uri);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The document changed.');
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      if (!options.refreshSupport) return { kind: DocumentDiagnosticReportKind.Full, items: (await analyzer.analyze(document)).diagnostics };
      // The provisional answer first; the client pulls again for the typed one when it differs.
      let provisional: (result: AnalysisResult) => void = () => undefined;
      const first = new Promise<AnalysisResult>((resolve) => (provisional = resolve));
      const final = analyzer.analyze(document, (result) => provisional(result));
      const answer = await Promise.race([final, first]);
      if (answer.provisional) {
        void final.then((done) => {
          if (JSON.stringify(done.diagnostics) !== JSON.stringify(answer.diagnostics)) connection.languages.diagnostics.refresh().catch(() => undefined);
        }, () => undefined);
      }
      return { kind: DocumentDiagnosticReportKind.Full, items: answer.diagnostics };
    });
  } else {
    // TextDocuments reports an open as a content change too; the open is analyzed at once.
    const opening = new Set<string>();
    documents.onDidOpen(({ document }) => {
      opening.add(document.uri);
      analyzeAndPublish(document);
    });
    documents.onDidChangeContent(({ document }) => {
      if (opening.delete(document.uri)) return;
      debouncer.schedule(document.uri, () => {
        const latest = documents.get(document.uri);
        if (latest) analyzeAndPublish(latest);
      });
    });
    documents.onDidClose(({ document }) => {
      debouncer.cancel(document.uri);
      published.delete(document.uri);
      void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    });
  }

  return {
    refresh(): void {
      if (mode === 'pull') {
        if (options.refreshSupport) void connection.languages.diagnostics.refresh();
      } else for (const document of documents.all()) analyzeAndPublish(document);
    },
    dispose(): void {
      debouncer.dispose();
    },
  };
}
