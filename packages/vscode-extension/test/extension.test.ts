import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { parseAnnotations, FIXTURES_ROOT } from '../../../test-support/annotations.js';
import { readVsix } from './vsix-reader.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as Record<string, any>;
const vsixPath = path.join(packageRoot, `redis-lint-vscode-${manifest.version}.vsix`);
const vsce = path.join(path.dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
const fixture = path.join(FIXTURES_ROOT, 'express-ioredis', 'src', 'server.ts');

let unpacked: string;
let entries: Map<string, Buffer>;

beforeAll(() => {
  // `vsce package` as a publisher runs it: its `vscode:prepublish` must write the bundles itself.
  fs.rmSync(path.join(packageRoot, 'dist'), { recursive: true, force: true });
  fs.rmSync(vsixPath, { force: true });
  const run = spawnSync(process.execPath, [vsce, 'package'], { cwd: packageRoot, encoding: 'utf8', timeout: 180_000 });
  if (run.status !== 0) throw new Error(`vsce package failed:\n${run.stdout}\n${run.stderr}`);
  entries = readVsix(vsixPath);
  unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-vsix-'));
  for (const [name, data] of entries) {
    const target = path.join(unpacked, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
  }
}, 200_000);

afterAll(() => {
  if (unpacked) fs.rmSync(unpacked, { recursive: true, force: true });
});

describe('the manifest', () => {
  it('contributes the redisLint.* settings, the two commands, activation on TS/JS, and refuses untrusted workspaces', () => {
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(['redisLint.enable', 'redisLint.rules', 'redisLint.cluster', 'redisLint.typeCheck', 'redisLint.redisUrl', 'redisLint.trace.server']);
    expect(manifest.contributes.commands.map((command: { command: string; title: string }) => [command.command, command.title])).toEqual([
      ['redis-lint.fixAll', 'Fix all Redis issues'],
      ['redis-lint.showOutput', 'Show output'],
    ]);
    expect(manifest.activationEvents).toEqual(['onLanguage:typescript', 'onLanguage:typescriptreact', 'onLanguage:javascript', 'onLanguage:javascriptreact']);
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(false);
    expect(manifest.engines.vscode).toBe('^1.91.0');
  });
});

describe('the packaged .vsix', () => {
  it('is redis-lint.redis-lint-vscode and holds only the manifest, docs, bundles and TypeScript libraries', () => {
    const packaged = JSON.parse(entries.get('extension/package.json')!.toString('utf8')) as Record<string, unknown>;
    expect([packaged.name, packaged.displayName, packaged.publisher, packaged.main]).toEqual(['redis-lint-vscode', 'redis-lint', 'redis-lint', './dist/extension.cjs']);
    const names = [...entries.keys()];
    const unexpected = names.filter(
      (name) => !/^extension\/dist\/(extension\.cjs|server\.cjs|lib\.[\w.]+\.d\.ts)$/.test(name) && !['extension.vsixmanifest', '[Content_Types].xml', 'extension/package.json', 'extension/readme.md', 'extension/LICENSE.txt'].includes(name),
    );
    expect(unexpected).toEqual([]);
    expect(names).toContain('extension/dist/lib.es2022.d.ts');
    expect(entries.get('extension.vsixmanifest')!.toString('utf8')).toContain('Id="redis-lint-vscode"');
  });

  it('has a client bundle that loads with a stubbed `vscode` module and stays inert in an untrusted workspace', async () => {
    const calls: string[] = [];
    // vscode-languageclient subclasses vscode's classes at load time: any name not given is a bare class.
    const anything = (): unknown => new Proxy(class {}, { get: (target, key) => (key in target ? (target as never)[key] : anything()) });
    const given: Record<string, unknown> = {
      workspace: { isTrusted: false },
      window: { createStatusBarItem: () => calls.push('createStatusBarItem') },
      commands: { registerCommand: () => calls.push('registerCommand') },
      StatusBarAlignment: { Left: 1, Right: 2 },
    };
    const vscodeStub = new Proxy(given, { get: (target, key) => (typeof key === 'string' && key in target ? target[key] : anything()) });
    const extensionFile = path.join(unpacked, 'extension', 'dist', 'extension.cjs');
    const requireFromTest = createRequire(import.meta.url);
    const Module = requireFromTest('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    Module._load = (request, ...rest) => (request === 'vscode' ? vscodeStub : load(request, ...rest));
    try {
      const extension = requireFromTest(extensionFile) as { activate: (context: unknown) => Promise<void>; deactivate: () => Promise<void> };
      expect([typeof extension.activate, typeof extension.deactivate]).toEqual(['function', 'function']);
      await extension.activate({ subscriptions: [], asAbsolutePath: (relative: string) => path.join(unpacked, 'extension', relative) });
      await extension.deactivate();
      expect(calls).toEqual([]);
    } finally {
      Module._load = load;
    }
  });

  for (const transport of ['ipc', 'stdio'] as const) {
    it(`has a server bundle that answers LSP over ${transport} from the unpacked vsix, typed analysis included`, async () => {
      const serverFile = path.join(unpacked, 'extension', 'dist', 'server.cjs');
      let child: ChildProcess;
      let reader: MessageReader;
      let writer: MessageWriter;
      if (transport === 'ipc') {
        child = fork(serverFile, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
        reader = new IPCMessageReader(child);
        writer = new IPCMessageWriter(child);
      } else {
        child = spawn(process.execPath, [serverFile, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        reader = new StreamMessageReader(child.stdout!);
        writer = new StreamMessageWriter(child.stdin!);
      }
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const connection = createProtocolConnection(reader, writer);
      const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, resolve));
      // The final answer: an opened file is first answered from its text alone (`provisional`).
      const analyzed = new Promise<{ typed: boolean }>((resolve) =>
        connection.onNotification('redisLint/analysisDone', (params: { typed: boolean; provisional?: boolean }) => {
          if (!params.provisional) resolve(params);
        }),
      );
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
      connection.listen();
      try {
        const initialized = await connection.sendRequest(InitializeRequest.type, {
          processId: process.pid,
          rootUri: pathToFileURL(FIXTURES_ROOT).href,
          workspaceFolders: [{ uri: pathToFileURL(FIXTURES_ROOT).href, name: 'fixtures' }],
          capabilities: { workspace: { configuration: true } },
          initializationOptions: { analysisNotifications: true },
        });
        expect(initialized.capabilities.codeActionProvider).toBe(true);
        await connection.sendNotification(InitializedNotification.type, {});
        const text = fs.readFileSync(fixture, 'utf8');
        const uri = pathToFileURL(fixture).href;
        await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
        const { diagnostics } = await published;
        const keysLines = (rows: Array<{ code: unknown; line: number }>): number[] => rows.filter((row) => row.code === 'no-keys-command').map((row) => row.line);
        expect(keysLines(diagnostics.map((diagnostic) => ({ code: diagnostic.code, line: diagnostic.range.start.line + 1 })))).toEqual(
          keysLines(parseAnnotations(fixture, text).filter((annotation) => annotation.kind === 'ruleid').map((annotation) => ({ code: annotation.ruleId, line: annotation.line }))),
        );
        expect((await analyzed).typed).toBe(true);
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        expect(await exited).toBe(0);
      } finally {
        clearTimeout(killer);
        connection.dispose();
        child.kill();
      }
    });
  }
});
