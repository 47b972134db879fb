import { workspace, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client.js';
import { registerCommands } from './commands.js';
import { AnalysisDoneNotification, type AnalysisDoneParams } from './protocol.js';
import { AnalysisStatus } from './status-bar.js';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  // The manifest already keeps VS Code from activating us in Restricted Mode; this guards other hosts.
  if (!workspace.isTrusted) return;
  client = createClient(context);
  const status = new AnalysisStatus();
  context.subscriptions.push(status, ...registerCommands(client));
  // By method name: the client library carries its own copy of vscode-jsonrpc's classes.
  context.subscriptions.push(client.onNotification(AnalysisDoneNotification.method, (params: AnalysisDoneParams) => status.update(params)));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
