import { commands, window, type Disposable } from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { APPLY_FIX_ALL_COMMAND } from './protocol.js';

export const FIX_ALL_COMMAND = 'redis-lint.fixAll';
export const SHOW_OUTPUT_COMMAND = 'redis-lint.showOutput';

/** "Fix all Redis issues" (the server applies every safe fix of the active file) and "Show output". */
export function registerCommands(client: LanguageClient): Disposable[] {
  return [
    commands.registerCommand(FIX_ALL_COMMAND, async () => {
      const document = window.activeTextEditor?.document;
      if (!document) return;
      await client.sendRequest(ExecuteCommandRequest.type, { command: APPLY_FIX_ALL_COMMAND, arguments: [document.uri.toString()] });
    }),
    commands.registerCommand(SHOW_OUTPUT_COMMAND, () => client.outputChannel.show(true)),
  ];
}
