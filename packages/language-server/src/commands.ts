import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllAction, type EditOptions } from './code-actions.js';
import type { DocumentAnalyzer } from './document-analyzer.js';
import { APPLY_FIX_ALL_COMMAND, SHOW_DOCUMENTATION_COMMAND } from './protocol.js';

export const SERVER_COMMANDS = [SHOW_DOCUMENTATION_COMMAND, APPLY_FIX_ALL_COMMAND];

/** `workspace/executeCommand`: open a rule's docs; apply every safe fix of a document. */
export function registerCommands(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  analyzer: DocumentAnalyzer,
  options: EditOptions & { showDocument: boolean },
): void {
  connection.onExecuteCommand(async (params) => {
    const [argument] = params.arguments ?? [];
    if (typeof argument !== 'string') return;
    if (params.command === SHOW_DOCUMENTATION_COMMAND) {
      if (options.showDocument) await connection.window.showDocument({ uri: argument, external: true });
      else connection.window.showInformationMessage(`redis-lint documentation: ${argument}`);
    } else if (params.command === APPLY_FIX_ALL_COMMAND) {
      const document = documents.get(argument);
      if (!document) return;
      const result = await analyzer.analyze(document);
      const action = fixAllAction(result.findings, document, result.version, options);
      if (action?.edit) await connection.workspace.applyEdit({ label: action.title, edit: action.edit });
    }
  });
}
