import { docsUrl, type Finding, type TextEdit as EngineEdit } from '@redis-lint/analyzer';
import {
  CodeActionKind,
  type CodeAction,
  type Command,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from './protocol.js';
import { DIAGNOSTIC_SOURCE, diagnosticKey, isDiagnosticData, type DiagnosticData } from './diagnostics.js';
import type { DocumentAnalyzer } from './document-analyzer.js';
import { disableNextLineEdit } from './disable-line-edit.js';

export interface EditOptions {
  /** The client applies `documentChanges` (versioned edits); otherwise plain `changes`. */
  documentChanges: boolean;
}

/**
 * The actions for one redis-lint diagnostic, in the order users expect: the preferred fix, the
 * suggestions, "disable for this line", "show documentation". Edit actions are offered only while
 * the document is still at the analyzed version, and carry that version so a stale one is refused.
 */
export function codeActionsForDiagnostic(diagnostic: Diagnostic, data: DiagnosticData, document: TextDocument, options: EditOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  const current = document.version === data.version;
  if (current && data.fix) {
    actions.push({
      title: actionTitle(data.fix.message, data.ruleId),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: workspaceEdit(document, data.version, data.fix.edits, options),
    });
  }
  if (current) {
    for (const suggestion of data.suggestions ?? []) {
      actions.push({
        title: actionTitle(suggestion.message, data.ruleId),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(document, data.version, suggestion.edits, options),
      });
    }
    actions.push({
      title: `Disable ${data.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: workspaceEdit(document, data.version, [disableNextLineEdit(document.getText(), data)], options),
    });
  }
  actions.push({
    title: `Show documentation for ${data.ruleId}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: showDocumentationCommand(data.ruleId),
  });
  return actions;
}

/** `source.fixAll.redis-lint`: every safe fix of the analyzed version whose edits do not overlap an earlier one. */
export function fixAllAction(findings: readonly Pick<Finding, 'fix'>[], document: TextDocument, version: number, options: EditOptions): CodeAction | undefined {
  const edits = fixAllEdits(findings);
  if (edits.length === 0 || document.version !== version) return undefined;
  return { title: 'Fix all auto-fixable redis-lint problems', kind: FIX_ALL_KIND, edit: workspaceEdit(document, version, edits, options) };
}

export function fixAllEdits(findings: readonly Pick<Finding, 'fix'>[]): EngineEdit[] {
  const fixes = findings.flatMap((finding) => (finding.fix && finding.fix.edits.length > 0 ? [finding.fix.edits] : []));
  fixes.sort((a, b) => a[0]!.start - b[0]!.start);
  const chosen: EngineEdit[] = [];
  let reached = -1;
  for (const edits of fixes) {
    const first = edits[0]!.start;
    const last = Math.max(...edits.map((edit) => edit.end));
    if (first < reached) continue;
    chosen.push(...edits);
    reached = last;
  }
  return chosen;
}

/** "Replace KEYS with SCAN (no-keys-command)": the engine's sentence without its full stop, then the rule. */
function actionTitle(message: string, ruleId: string): string {
  return `${message.replace(/\.$/, '')} (${ruleId})`;
}

export function showDocumentationCommand(ruleId: string): Command {
  return { title: `Show documentation for ${ruleId}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [docsUrl(ruleId)] };
}

export function workspaceEdit(document: TextDocument, version: number, edits: readonly EngineEdit[], options: EditOptions): WorkspaceEdit {
  const textEdits: TextEdit[] = edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.text }));
  if (options.documentChanges) return { documentChanges: [{ textDocument: { uri: document.uri, version }, edits: textEdits }] };
  return { changes: { [document.uri]: textEdits } };
}

/** `textDocument/codeAction`: quick fixes for redis-lint diagnostics and the fix-all source action. */
export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, analyzer: DocumentAnalyzer, options: EditOptions): void {
  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    const wants = (kind: string): boolean => only === undefined || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const data = isDiagnosticData(diagnostic.data) ? diagnostic.data : await dataByKey(analyzer, document.uri, diagnostic);
        if (data) actions.push(...codeActionsForDiagnostic(diagnostic, data, document, options));
      }
    }
    if (only !== undefined && wants(FIX_ALL_KIND)) {
      const result = await analyzer.analyze(document);
      const fixAll = fixAllAction(result.findings, document, result.version, options);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });
}

/** For clients that drop `Diagnostic.data`: the payload of the last analysis with the same key. */
async function dataByKey(analyzer: DocumentAnalyzer, uri: string, diagnostic: Diagnostic): Promise<DiagnosticData | undefined> {
  const result = await analyzer.lastResult(uri);
  const key = diagnosticKey(diagnostic);
  const match = result?.diagnostics.find((candidate) => diagnosticKey(candidate) === key);
  return isDiagnosticData(match?.data) ? match.data : undefined;
}
