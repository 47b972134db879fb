import { PassThrough } from 'node:stream';
import {
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { AnalysisDoneNotification, startServer, type AnalysisDoneParams, type InitializationOptions } from '@redis-lint/language-server';

export interface Harness {
  client: ProtocolConnection;
  /** What the server answered to `initialize`. */
  serverCapabilities: ServerCapabilities;
  published: PublishDiagnosticsParams[];
  analyses: AnalysisDoneParams[];
  /** `window/logMessage` texts. */
  logs: string[];
  /** Resolves with the first publish for `uri` (at `version`, when given) not yet consumed. */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  /** Resolves once the final analysis of `uri` finished (at `version`, when given). */
  analyzed(uri: string, version?: number): Promise<AnalysisDoneParams>;
  /** Resolves once the provisional answer to an edit of `uri` at `version` went out. */
  provisionallyAnalyzed(uri: string, version: number): Promise<AnalysisDoneParams>;
  /** The last diagnostics published for `uri` at `version` once its final analysis is done; every publish of that version counts as consumed. */
  settledDiagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams>;
  /** How many `workspace/diagnostic/refresh` requests the server sent. */
  diagnosticRefreshes(): number;
  /** Resolves once the server sent more than `count` refresh requests. */
  refreshedMoreThan(count: number): Promise<number>;
  dispose(): void;
}

export interface HarnessOptions {
  capabilities?: ClientCapabilities;
  rootUri?: string | null;
  /** What the client answers to `workspace/configuration` for section `redisLint`. */
  settings?: unknown;
  /** Sent with `analysisNotifications: true` in `initializationOptions`. */
  initializationOptions?: InitializationOptions;
}

export const PUSH_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
};

export const PULL_CLIENT: ClientCapabilities = { ...PUSH_CLIENT, textDocument: { ...PUSH_CLIENT.textDocument, diagnostic: { dynamicRegistration: false } } };

/** The real server on one end of two in-memory pipes, a JSON-RPC client on the other. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // Reader/writer objects rather than raw streams: with raw streams the library exits the process when they close.
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, { debounceMs: 20 });
  server.listen();

  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const analyses: AnalysisDoneParams[] = [];
  const waiters: Array<() => void> = [];
  const wake = (): void => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  client.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    wake();
  });
  client.onNotification(AnalysisDoneNotification.method, (params: AnalysisDoneParams) => {
    analyses.push(params);
    wake();
  });
  client.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => options.settings ?? {}));
  client.onRequest('client/registerCapability', () => null);
  let refreshes = 0;
  client.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    wake();
    return null;
  });
  const logs: string[] = [];
  client.onNotification('window/logMessage', (params: { message: string }) => logs.push(params.message));
  client.listen();

  const initialized = await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: options.rootUri ?? null,
    capabilities: options.capabilities ?? PUSH_CLIENT,
    initializationOptions: { analysisNotifications: true, ...options.initializationOptions },
    workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'root' }] : null,
  });
  await client.sendNotification(InitializedNotification.type, {});

  const consumed = new Set<PublishDiagnosticsParams>();
  const waitUntil = <T>(find: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20_000);
      const check = (): void => {
        const found = find();
        if (found !== undefined) {
          clearTimeout(timeout);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });

  const analyzed = (uri: string, version?: number): Promise<AnalysisDoneParams> =>
    waitUntil(() => analyses.find((params) => params.uri === uri && (version === undefined || params.version === version) && params.provisional !== true), `analysis of ${uri}`);

  return {
    client,
    serverCapabilities: initialized.capabilities,
    published,
    analyses,
    logs,
    nextDiagnostics: (uri, version) =>
      waitUntil(() => {
        const found = published.find((params) => !consumed.has(params) && params.uri === uri && (version === undefined || params.version === version));
        if (found) consumed.add(found);
        return found;
      }, `diagnostics of ${uri}`),
    analyzed,
    provisionallyAnalyzed: (uri, version) =>
      waitUntil(() => analyses.find((params) => params.uri === uri && params.version === version && params.provisional === true), `provisional analysis of ${uri}`),
    settledDiagnostics: async (uri, version) => {
      await analyzed(uri, version);
      // The server publishes right after it announces the analysis; the answer to a request sent now comes after that publish.
      await client.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      const ofVersion = published.filter((params) => params.uri === uri && params.version === version);
      for (const params of ofVersion) consumed.add(params);
      if (ofVersion.length === 0) throw new Error(`no diagnostics published for ${uri} at version ${version}`);
      return ofVersion[ofVersion.length - 1]!;
    },
    diagnosticRefreshes: () => refreshes,
    refreshedMoreThan: (count) => waitUntil(() => (refreshes > count ? refreshes : undefined), 'a diagnostic refresh'),
    dispose: () => {
      client.dispose();
      server.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}
