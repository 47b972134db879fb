import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION, type InitializationOptions } from './protocol.js';

export const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];

/**
 * The language client for the server bundled beside this file (`dist/server.cjs`), over IPC.
 * Its id is the settings section, so `redisLint.trace.server` traces the protocol.
 */
export function createClient(context: ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  // The server samples `redisLint.redisUrl` only on the client's word that the workspace is trusted.
  const initializationOptions: InitializationOptions = { analysisNotifications: true, workspaceTrusted: workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions,
  };
  return new LanguageClient(SETTINGS_SECTION, 'redis-lint', serverOptions, clientOptions);
}
