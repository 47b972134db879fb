import { readFileSync } from 'node:fs';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClientVersionReader } from '@redis-lint/analyzer/node';
import { registerCodeActions } from './code-actions.js';
import { registerCommands, SERVER_COMMANDS } from './commands.js';
import { registerDiagnostics } from './diagnostics.js';
import { registerKeyspaceHover } from './keyspace-hover.js';
import { DocumentAnalyzer } from './document-analyzer.js';
import { PROJECT_CONFIG_FILE, ProjectConfigs } from './project-config.js';
import { AnalysisDoneNotification, FIX_ALL_KIND, SETTINGS_SECTION, type AnalysisDoneParams } from './protocol.js';
import { SettingsStore } from './settings.js';
import { TypeScriptService } from './typescript-service.js';
import { filePathOf, WorkspaceFolders } from './workspace-folders.js';

export interface ServerOptions {
  /** Quiet time after the last keystroke before a changed document is analyzed. */
  debounceMs?: number;
}

/** What the client may put in `initializationOptions`. */
export interface InitializationOptions {
  /** Send `redisLint/analysisDone` after each analysis (the VS Code status bar asks for it). */
  analysisNotifications?: boolean;
  /**
   * The client vouches that the workspace is trusted. LSP has no notion of trust, and a workspace's
   * own settings could point `redisLint.redisUrl` anywhere: without this the setting is ignored.
   */
  workspaceTrusted?: boolean;
}

/** Wires every feature of the redis-lint language server onto a connection; the caller calls `listen()`. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const folders = new WorkspaceFolders();
  // An open document still equal to its file is left to the disk copy, so opening a file does not invalidate its program.
  const openFiles = new Map<string, { document: TextDocument; pristineVersion: number | undefined }>();
  const warned = new Set<string>();
  const typescript = new TypeScriptService(
    (fileName) => {
      const open = openFiles.get(fileName);
      if (!open || open.pristineVersion === open.document.version) return undefined;
      return { text: open.document.getText(), version: open.document.version };
    },
    (message) => connection.console.info(message),
  );
  let settings = new SettingsStore(undefined);
  let analyzer: DocumentAnalyzer | undefined;
  let refreshDiagnostics = (): void => undefined;
  let dynamicConfiguration = false;
  let watchFiles = false;
  let workspaceFolderEvents = false;

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    const initializationOptions = (params.initializationOptions ?? {}) as InitializationOptions;
    folders.set(params.workspaceFolders, params.rootUri);
    settings = new SettingsStore(
      capabilities.workspace?.configuration === true
        ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        : undefined,
    );
    dynamicConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    watchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceFolderEvents = capabilities.workspace?.workspaceFolders === true;
    const editOptions = { documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true };
    const pull = capabilities.textDocument?.diagnostic !== undefined;

    const currentAnalyzer = new DocumentAnalyzer({
      settings: { get: (uri) => settings.get(uri) } as SettingsStore,
      folders,
      typescript,
      projectConfigs: new ProjectConfigs(),
      clientVersions: new ClientVersionReader(),
      warn: (message) => {
        if (warned.has(message)) return;
        warned.add(message);
        connection.console.warn(message);
        // The notification, not showWarningMessage's request: a client that cannot answer that request rejects it, unhandled.
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
      },
      failed: (uri, error) => connection.console.error(`redis-lint could not analyze ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      analyzed: (result) => {
        if (initializationOptions.analysisNotifications !== true) return;
        const done: AnalysisDoneParams = {
          uri: result.uri,
          version: result.version,
          findingCount: result.findings.length,
          typed: result.typed,
          provisional: result.provisional,
          durationMs: Math.round(result.durationMs * 10) / 10,
          ...(result.programMs === undefined ? {} : { programMs: Math.round(result.programMs * 10) / 10 }),
          finishedAt: new Date().toISOString(),
        };
        // By method name: vscode-languageserver carries its own copy of vscode-jsonrpc's classes.
        void connection.sendNotification(AnalysisDoneNotification.method, done);
      },
    });
    analyzer = currentAnalyzer;
    const diagnostics = registerDiagnostics(connection, documents, currentAnalyzer, {
      mode: pull ? 'pull' : 'push',
      debounceMs: options.debounceMs ?? 250,
      refreshSupport: capabilities.workspace?.diagnostics?.refreshSupport === true,
    });
    refreshDiagnostics = () => diagnostics.refresh();
    connection.onShutdown(() => {
      diagnostics.dispose();
      typescript.dispose();
    });
    registerCodeActions(connection, documents, currentAnalyzer, editOptions);
    registerCommands(connection, documents, currentAnalyzer, { ...editOptions, showDocument: capabilities.window?.showDocument?.support === true });
    const keyspaceHover = initializationOptions.workspaceTrusted === true;
    if (keyspaceHover) registerKeyspaceHover(connection, documents, currentAnalyzer, (uri) => settings.get(uri));

    const literalActions = capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: literalActions ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } : true,
        executeCommandProvider: { commands: SERVER_COMMANDS },
        ...(keyspaceHover ? { hoverProvider: true } : {}),
        // Typed findings depend on other files (a handler elsewhere makes a function hot; a call elsewhere judges a helper's command there): clients pull open documents again after an edit.
        ...(pull ? { diagnosticProvider: { identifier: 'redis-lint', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'redis-lint' },
    };
  });

  connection.onInitialized(() => {
    if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    if (watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${PROJECT_CONFIG_FILE}` }, { globPattern: '**/{tsconfig,jsconfig}*.json' }, { globPattern: '**/package.json' }],
      });
    }
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        folders.change(event.added, event.removed);
        typescript.invalidate();
        analyzer?.invalidate();
        refreshDiagnostics();
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const section = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    settings.changed(section);
    analyzer?.invalidate();
    refreshDiagnostics();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) typescript.invalidate(filePathOf(change.uri) ?? change.uri);
    analyzer?.invalidate();
    refreshDiagnostics();
  });

  documents.onDidOpen(({ document }) => {
    const path = filePathOf(document.uri);
    if (path !== undefined) openFiles.set(path, { document, pristineVersion: sameAsDisk(path, document.getText()) ? document.version : undefined });
  });
  documents.onDidChangeContent(({ document }) => {
    const path = filePathOf(document.uri);
    const open = path === undefined ? undefined : openFiles.get(path);
    if (open) open.document = document;
  });
  documents.onDidClose(({ document }) => {
    const path = filePathOf(document.uri);
    if (path !== undefined) openFiles.delete(path);
    settings.drop(document.uri);
    analyzer?.forget(document.uri);
  });

  documents.listen(connection);
}

function sameAsDisk(path: string, text: string): boolean {
  try {
    return readFileSync(path, 'utf8') === text;
  } catch {
    return false;
  }
}
