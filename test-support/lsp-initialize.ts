import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  ExitNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';

export interface LspSession {
  initialized: InitializeResult;
  /** The server's exit code after `shutdown` and `exit`. */
  exitCode: number | null;
  stderr: string;
}

/** Starts a language server command over stdio, asks it `initialize`, then shuts it down, within 30 seconds. */
export async function initializeOverStdio(command: string, args: readonly string[], cwd: string, rootUri: string): Promise<LspSession> {
  const child = spawn(command, [...args, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    const initialized = await Promise.race([
      connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: null, capabilities: {} }),
      exited.then((code) => Promise.reject(new Error(`${command} exited with ${code} before answering initialize:\n${stderr}`))),
    ]);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    return { initialized, exitCode: await exited, stderr };
  } finally {
    clearTimeout(killer);
    connection.dispose();
    child.kill();
  }
}
