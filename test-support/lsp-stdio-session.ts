import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';

export interface LspSession {
  initialized: InitializeResult;
  /** The diagnostics of the opened file, pulled once its final analysis is done. */
  diagnostics: Diagnostic[] | undefined;
  /** The server's exit code after `shutdown` and `exit`. */
  exitCode: number | null;
  stderr: string;
}

/**
 * Starts a language server command over stdio as an editor would, asks it `initialize`, opens `open`
 * (a TypeScript file) when given and pulls its diagnostics after its final analysis, then shuts the
 * server down; all within 60 seconds.
 */
export async function lspSessionOverStdio(command: string, args: readonly string[], options: { cwd: string; rootPath: string; open?: string }): Promise<LspSession> {
  const child = spawn(command, [...args, '--stdio'], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = options.open === undefined ? undefined : pathToFileURL(options.open).href;
  const analyzed = new Promise<void>((resolve) =>
    connection.onNotification('redisLint/analysisDone', (params: { uri: string; provisional?: boolean }) => {
      if (params.uri === uri && params.provisional !== true) resolve();
    }),
  );
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  const failed = exited.then((code) => Promise.reject(new Error(`${command} exited with ${code}:\n${stderr}`)));
  try {
    const rootUri = pathToFileURL(options.rootPath).href;
    const initialized = await Promise.race([
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'root' }],
        capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
        initializationOptions: { analysisNotifications: true },
      }),
      failed,
    ]);
    await connection.sendNotification(InitializedNotification.type, {});
    let diagnostics: Diagnostic[] | undefined;
    if (options.open !== undefined && uri !== undefined) {
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: fs.readFileSync(options.open, 'utf8') } });
      // A pull starts the analysis; the first answer may be the provisional one, so pull again once the final one is done.
      const pull = async (): Promise<Diagnostic[]> => ((await Promise.race([connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), failed])) as { items: Diagnostic[] }).items;
      await pull();
      await Promise.race([analyzed, failed]);
      diagnostics = await pull();
    }
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    return { initialized, diagnostics, exitCode: await exited, stderr };
  } finally {
    failed.catch(() => undefined);
    clearTimeout(killer);
    connection.dispose();
    child.kill();
  }
}
