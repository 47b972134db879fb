import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { analyzeText, docsUrl, rules } from '@redis-lint/analyzer';
import { PULL_CLIENT, PUSH_CLIENT, startHarness, type Harness } from './lsp-harness.js';

const SOURCE = `import Redis from 'ioredis';

export const redis = new Redis();

export async function purge(): Promise<number> {
  const keys = await redis.keys('tmp:*');
  return keys.length;
}
`;

// Only no-keys-command, so the assertions stay exact while the engine gains rules.
const othersOff = Object.fromEntries(rules.filter((rule) => rule.id !== 'no-keys-command').map((rule) => [rule.id, 'off' as const]));
const ONLY_KEYS = { rules: { ...othersOff, 'no-keys-command': 'error' as const } };

let dir: string;
let harness: Harness | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-ls-'));
});

afterEach(() => {
  harness?.dispose();
  harness = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeFile(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return pathToFileURL(file).href;
}

async function open(h: Harness, uri: string, text: string, version = 1): Promise<void> {
  await h.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version, text } });
}

async function change(h: Harness, uri: string, text: string, version: number): Promise<void> {
  await h.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
}

function codeActions(h: Harness, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return h.client.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as Promise<CodeAction[]>;
}

/** Applies a code action's versioned edit the way an editor does: refused when the version moved on. */
function applyAction(action: CodeAction, uri: string, text: string, version: number): string {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  expect(change?.textDocument).toEqual({ uri, version });
  return TextDocument.applyEdits(TextDocument.create(uri, 'typescript', version, text), change!.edits);
}

/** A client imported from another file: only the typed analysis knows `redis` is one. */
const IMPORTED = `import { redis } from './redis.js';

export async function purge(): Promise<number> {
  const keys = await redis.keys('tmp:*');
  return keys.length;
}
`;

/** A tsconfig project whose src/app.ts gets its client from src/redis.ts, opened in a fresh server. */
async function openTyped(capabilities: ClientCapabilities): Promise<{ uri: string }> {
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', noEmit: true }, include: ['src'] }));
  writeFile('src/redis.ts', "import Redis from 'ioredis';\n\nexport const redis = new Redis();\n");
  const uri = writeFile('src/app.ts', IMPORTED);
  harness = await startHarness({ rootUri: pathToFileURL(dir).href, capabilities, settings: ONLY_KEYS });
  await open(harness, uri, IMPORTED);
  expect(analyzeText('/x/app.ts', IMPORTED, ONLY_KEYS)).toEqual([]);
  return { uri };
}

const expectedFinding = analyzeText('/x/app.ts', SOURCE, ONLY_KEYS)[0]!;
const keysLine = 5;
const keysStart = SOURCE.split('\n')[keysLine]!.indexOf('keys(');

describe('language server over a stream connection', () => {
  it('publishes the engine finding as a diagnostic with rule id, docs link and fix payload', async () => {
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: ONLY_KEYS });
    const uri = writeFile('src/app.ts', SOURCE);
    await open(harness, uri, SOURCE);
    const published = await harness.nextDiagnostics(uri, 1);
    expect(published.diagnostics).toEqual([
      {
        range: { start: { line: keysLine, character: keysStart }, end: { line: keysLine, character: SOURCE.split('\n')[keysLine]!.indexOf(';') } },
        severity: 1,
        code: 'no-keys-command',
        codeDescription: { href: docsUrl('no-keys-command') },
        source: 'redis-lint',
        message: expectedFinding.message,
        data: { ruleId: 'no-keys-command', version: 1, start: expectedFinding.start, end: expectedFinding.end, suggestions: expectedFinding.suggestions },
      },
    ]);
    // No tsconfig: the final answer comes from the inferred program of the workspace folder.
    const analysis = await harness.analyzed(uri, 1);
    expect([analysis.findingCount, analysis.typed]).toEqual([1, true]);
  });

  it('open → diagnostic → "disable for this line" → edit applied → diagnostic gone', async () => {
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: ONLY_KEYS });
    const uri = writeFile('src/app.ts', SOURCE);
    await open(harness, uri, SOURCE);
    const [diagnostic] = (await harness.nextDiagnostics(uri, 1)).diagnostics;
    const actions = await codeActions(harness, uri, diagnostic!);
    expect(actions.map((action) => [action.title, action.kind, action.isPreferred ?? false])).toEqual([
      ['Replace KEYS with scanStream({ match }) (no-keys-command)', 'quickfix', false],
      ['Disable no-keys-command for this line', 'quickfix', false],
      ['Show documentation for no-keys-command', 'quickfix', false],
    ]);
    expect(actions[2]!.command).toEqual({ title: 'Show documentation for no-keys-command', command: 'redisLint.showDocumentation', arguments: [docsUrl('no-keys-command')] });

    const disabled = applyAction(actions[1]!, uri, SOURCE, 1);
    expect(disabled.split('\n').slice(keysLine, keysLine + 2)).toEqual(['  // redis-lint-disable-next-line no-keys-command', "  const keys = await redis.keys('tmp:*');"]);
    await change(harness, uri, disabled, 2);
    expect((await harness.nextDiagnostics(uri, 2)).diagnostics).toEqual([]);
  });

  it('applying the SCAN suggestion removes the finding', async () => {
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: ONLY_KEYS });
    const uri = writeFile('src/app.ts', SOURCE);
    await open(harness, uri, SOURCE);
    const [diagnostic] = (await harness.nextDiagnostics(uri, 1)).diagnostics;
    const [suggestion] = await codeActions(harness, uri, diagnostic!);
    const scanned = applyAction(suggestion!, uri, SOURCE, 1);
    expect(scanned.split('\n')[keysLine]).toBe("  const keys = await redis.scanStream({ match: 'tmp:*' });");
    await change(harness, uri, scanned, 2);
    expect((await harness.nextDiagnostics(uri, 2)).diagnostics).toEqual([]);
  });

  it('offers no edits for a diagnostic of an older version, and finds the payload by key when the client drops `data`', async () => {
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: ONLY_KEYS });
    const uri = writeFile('src/app.ts', SOURCE);
    await open(harness, uri, SOURCE);
    const [diagnostic] = (await harness.nextDiagnostics(uri, 1)).diagnostics;
    const { data: _dropped, ...withoutData } = diagnostic!;
    expect((await codeActions(harness, uri, withoutData)).map((action) => action.title)).toEqual([
      'Replace KEYS with scanStream({ match }) (no-keys-command)',
      'Disable no-keys-command for this line',
      'Show documentation for no-keys-command',
    ]);

    const edited = `// a comment\n${SOURCE}`;
    await change(harness, uri, edited, 2);
    await harness.nextDiagnostics(uri, 2);
    expect((await codeActions(harness, uri, diagnostic!)).map((action) => action.title)).toEqual(['Show documentation for no-keys-command']);
  });

  it('answers pull requests for clients that pull, and publishes nothing', async () => {
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, capabilities: PULL_CLIENT, settings: ONLY_KEYS });
    const uri = writeFile('src/app.ts', SOURCE);
    await open(harness, uri, SOURCE);
    const report = await harness.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    expect(report.kind).toBe('full');
    expect((report as { items: Diagnostic[] }).items.map((item) => [item.code, item.range.start.line, item.message])).toEqual([['no-keys-command', keysLine, expectedFinding.message]]);
    expect(harness.published).toEqual([]);
    // Typed findings depend on other files (hot paths, helpers judged at their calls): the client pulls open documents again after an edit elsewhere.
    expect(harness.serverCapabilities.diagnosticProvider).toEqual({ identifier: 'redis-lint', interFileDependencies: true, workspaceDiagnostics: false });
  });

  it('resolves settings per document: rule levels and `enable` from workspace/configuration', async () => {
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: { rules: { ...othersOff, 'no-keys-command': 'warn' } } });
    const uri = writeFile('src/app.ts', SOURCE);
    await open(harness, uri, SOURCE);
    expect((await harness.nextDiagnostics(uri, 1)).diagnostics.map((d) => [d.code, d.severity])).toEqual([['no-keys-command', 2]]);
    harness.dispose();

    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: { enable: false } });
    await open(harness, uri, SOURCE);
    expect((await harness.nextDiagnostics(uri, 1)).diagnostics).toEqual([]);
  });

  it('applies the workspace redis-lint.config.json', async () => {
    fs.writeFileSync(path.join(dir, 'redis-lint.config.json'), JSON.stringify({ rules: { 'no-keys-command': 'off' } }));
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: { rules: othersOff } });
    const uri = writeFile('src/app.ts', SOURCE);
    await open(harness, uri, SOURCE);
    expect((await harness.nextDiagnostics(uri, 1)).diagnostics).toEqual([]);
  });

  it('applies the presets the workspace config extends, and names an unknown one before using recommended', async () => {
    const uri = writeFile('src/app.ts', SOURCE);
    fs.writeFileSync(path.join(dir, 'redis-lint.config.json'), JSON.stringify({ extends: [] }));
    harness = await startHarness({ rootUri: pathToFileURL(dir).href });
    await open(harness, uri, SOURCE);
    expect((await harness.nextDiagnostics(uri, 1)).diagnostics).toEqual([]);
    harness.dispose();
    fs.writeFileSync(path.join(dir, 'redis-lint.config.json'), JSON.stringify({ extends: 'strictest' }));
    harness = await startHarness({ rootUri: pathToFileURL(dir).href });
    await open(harness, uri, SOURCE);
    expect((await harness.nextDiagnostics(uri, 1)).diagnostics.map((d) => d.code)).toEqual(['require-timeouts', 'no-keys-command']);
    expect(harness.logs.filter((log) => log.includes('preset'))).toEqual(['redis-lint: Unknown preset "strictest" in "extends". Known presets: recommended, strict, all. Using the recommended rules.']);
  });

  it("analyzes files of a tsconfig with its program, others with their package's inferred program", async () => {
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', noEmit: true }, include: ['src'] }));
    fs.mkdirSync(path.join(dir, 'tools'));
    fs.writeFileSync(path.join(dir, 'tools', 'package.json'), JSON.stringify({ name: 'tools', private: true }));
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: ONLY_KEYS });
    const typedUri = writeFile('src/app.ts', SOURCE);
    // Outside the tsconfig, in a package of its own: its client comes from another file, which only a program follows.
    writeFile('tools/redis.js', "const Redis = require('ioredis');\n\nmodule.exports = { redis: new Redis() };\n");
    const looseText = "const { redis } = require('./redis');\n\nasync function purge() {\n  return redis.keys('tmp:*');\n}\n\nmodule.exports = { purge };\n";
    const looseUri = writeFile('tools/loose.js', looseText);
    expect(analyzeText('/x/loose.js', looseText, ONLY_KEYS)).toEqual([]);
    await open(harness, typedUri, SOURCE);
    await harness.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: looseUri, languageId: 'javascript', version: 1, text: looseText } });
    const [typed, loose] = [await harness.analyzed(typedUri, 1), await harness.analyzed(looseUri, 1)];
    expect([typed.typed, typed.findingCount, loose.typed, loose.findingCount]).toEqual([true, 1, true, 1]);
    expect(harness.logs.filter((log) => log.includes(' project '))).toEqual([
      `TypeScript ${ts.version} project ${path.join(dir, 'tsconfig.json')}: 1 files.`,
      `TypeScript ${ts.version} project inferred from ${path.join(dir, 'tools')}: 2 files.`,
    ]);
  });

  it("uses the workspace's TypeScript only when its version matches the engine's", async () => {
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, include: ['src'] }));
    const fakeTypeScript = path.join(dir, 'node_modules', 'typescript');
    fs.mkdirSync(fakeTypeScript, { recursive: true });
    fs.writeFileSync(path.join(fakeTypeScript, 'package.json'), JSON.stringify({ name: 'typescript', version: '4.9.5', main: 'index.js' }));
    fs.writeFileSync(path.join(fakeTypeScript, 'index.js'), "module.exports = { version: '4.9.5', versionMajorMinor: '4.9' };");
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: ONLY_KEYS });
    const uri = writeFile('src/app.ts', SOURCE);
    await open(harness, uri, SOURCE);
    expect((await harness.nextDiagnostics(uri, 1)).diagnostics.map((d) => d.code)).toEqual(['no-keys-command']);
    expect((await harness.analyzed(uri, 1)).typed).toBe(true);
    expect(harness.logs.filter((log) => log.includes('TypeScript 4.9.5'))).toEqual([
      `The workspace's TypeScript 4.9.5 differs from the engine's ${ts.versionMajorMinor}; using the bundled TypeScript ${ts.version}.`,
    ]);
  });

  it('answers for text that does not parse, and keeps serving', async () => {
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: ONLY_KEYS });
    const broken = "import Redis from 'ioredis';\nconst redis = new Redis(;\nexport const x = redis.keys('a:*'\n\u0000\uFEFF)))";
    const brokenUri = writeFile('src/broken.ts', broken);
    await open(harness, brokenUri, broken);
    // The parser recovers; the engine still sees the KEYS call.
    expect((await harness.nextDiagnostics(brokenUri, 1)).diagnostics.map((d) => [d.code, d.range.start])).toEqual([['no-keys-command', { line: 2, character: 23 }]]);
    const uri = writeFile('src/app.ts', SOURCE);
    await open(harness, uri, SOURCE);
    expect((await harness.nextDiagnostics(uri, 1)).diagnostics.map((d) => d.code)).toEqual(['no-keys-command']);
  });

  it('answers an opened typed document at once from its text alone, then with its program', async () => {
    const { uri } = await openTyped(PUSH_CLIENT);
    // Untyped, app.ts holds no client; the program knows the one it imports from redis.ts.
    expect((await harness!.nextDiagnostics(uri, 1)).diagnostics).toEqual([]);
    expect((await harness!.nextDiagnostics(uri, 1)).diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['no-keys-command', 3]]);
    const provisional = await harness!.provisionallyAnalyzed(uri, 1);
    const final = await harness!.analyzed(uri, 1);
    expect([provisional.typed, provisional.findingCount, provisional.programMs, final.typed, final.findingCount]).toEqual([false, 0, undefined, true, 1]);
    expect(harness!.analyses.filter((analysis) => analysis.uri === uri).map((analysis) => analysis.provisional)).toEqual([true, false]);
  });

  it('answers an edit of a typed document at once with the typed facts of the last version, then with its program', async () => {
    const { uri } = await openTyped(PUSH_CLIENT);
    expect((await harness!.settledDiagnostics(uri, 1)).diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['no-keys-command', 3]]);
    expect((await harness!.analyzed(uri, 1)).typed).toBe(true);

    // Untyped, app.ts holds no client (it imports one from redis.ts): the finding comes from the typed facts of version 1.
    await change(harness!, uri, `${IMPORTED}export const later = 1;\n`, 2);
    expect((await harness!.nextDiagnostics(uri, 2)).diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['no-keys-command', 3]]);
    const provisional = await harness!.provisionallyAnalyzed(uri, 2);
    const final = await harness!.analyzed(uri, 2);
    expect([provisional.typed, final.typed, final.findingCount]).toEqual([false, true, 1]);
    // The typed answer says how much of its time was TypeScript's program update; the provisional one had none.
    expect(provisional.programMs).toBeUndefined();
    expect(final.programMs).toBeGreaterThan(0);
    expect(final.programMs).toBeLessThanOrEqual(final.durationMs);
    // The typed answer equals the provisional one: nothing is published twice.
    expect(harness!.published.filter((params) => params.uri === uri && params.version === 2)).toHaveLength(1);

    // A directive above the carried finding suppresses it in the provisional answer too.
    const lines = IMPORTED.split('\n');
    const suppressed = [...lines.slice(0, 3), '  // redis-lint-disable-next-line no-keys-command', ...lines.slice(3)].join('\n');
    await change(harness!, uri, suppressed, 3);
    expect((await harness!.nextDiagnostics(uri, 3)).diagnostics).toEqual([]);
    expect((await harness!.analyzed(uri, 3)).findingCount).toBe(0);
  });

  it('leaves a typed finding that the edit touches to the typed answer', async () => {
    const { uri } = await openTyped(PUSH_CLIENT);
    await harness!.settledDiagnostics(uri, 1);
    await change(harness!, uri, IMPORTED.replace("'tmp:*'", "'temp:*'"), 2);
    expect((await harness!.nextDiagnostics(uri, 2)).diagnostics).toEqual([]);
    expect((await harness!.nextDiagnostics(uri, 2)).diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['no-keys-command', 3]]);
  });

  it('answers a pull with the provisional diagnostics and asks the client to pull again when the typed ones differ', async () => {
    const capabilities = { ...PULL_CLIENT, workspace: { ...PULL_CLIENT.workspace, diagnostics: { refreshSupport: true } } };
    const { uri } = await openTyped(capabilities);
    const pull = async (): Promise<Array<[string, number]>> => {
      const report = (await harness!.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] };
      return report.items.map((item) => [String(item.code), item.range.start.line]);
    };
    // On open too: the untyped answer at once, then a refresh for the typed one.
    expect(await pull()).toEqual([]);
    await harness!.refreshedMoreThan(0);
    expect(await pull()).toEqual([['no-keys-command', 3]]);
    expect((await harness!.analyzed(uri, 1)).typed).toBe(true);
    const refreshes = harness!.diagnosticRefreshes();
    await change(harness!, uri, IMPORTED.replace("'tmp:*'", "'temp:*'"), 2);
    expect(await pull()).toEqual([]);
    await harness!.refreshedMoreThan(refreshes);
    expect(await pull()).toEqual([['no-keys-command', 3]]);
  });

  it('debounces changes and clears diagnostics on close', async () => {
    harness = await startHarness({ rootUri: pathToFileURL(dir).href, settings: ONLY_KEYS });
    const uri = writeFile('src/app.ts', SOURCE);
    await open(harness, uri, SOURCE);
    await harness.nextDiagnostics(uri, 1);
    for (let version = 2; version <= 6; version++) await change(harness, uri, `${SOURCE}// ${version}\n`, version);
    expect((await harness.nextDiagnostics(uri, 6)).diagnostics.map((d) => d.code)).toEqual(['no-keys-command']);
    await harness.analyzed(uri, 6);
    expect(harness.analyses.filter((analysis) => !analysis.provisional).map((analysis) => analysis.version)).toEqual([1, 6]);
    await harness.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    const cleared = await harness.nextDiagnostics(uri);
    expect(cleared).toEqual({ uri, diagnostics: [] });
  });
});
