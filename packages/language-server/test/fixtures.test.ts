import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import {
  compareWithAnnotations,
  formatMismatch,
  listFixtureProjects,
  parseAnnotations,
  FIXTURES_ROOT,
  type ReportedFinding,
} from '../../../test-support/annotations.js';
import { FIXTURE_RULES } from '../../../test-support/fixture-rules.js';
import { PULL_CLIENT, PUSH_CLIENT, startHarness, type Harness } from './lsp-harness.js';

// The workspace's fixtures/redis-lint.config.json turns these on; the annotations speak for them.
const checked = FIXTURE_RULES;

const LANGUAGE_IDS: Record<string, string> = { '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescriptreact', '.jsx': 'javascriptreact' };
const languageOf = (file: string): string => LANGUAGE_IDS[/\.[^.]+$/.exec(file)?.[0] ?? ''] ?? 'javascript';

let harness: Harness;

beforeAll(async () => {
  // The workspace is fixtures/, so fixtures/redis-lint.config.json applies as it would in an editor.
  harness = await startHarness({ rootUri: pathToFileURL(FIXTURES_ROOT).href, capabilities: PULL_CLIENT });
});

afterAll(() => harness.dispose());

describe('language server on the fixtures', () => {
  for (const project of listFixtureProjects()) {
    // Generous: the first typed analysis of a project builds its program, on a machine running every suite at once.
    // Every project is typed: a tsconfig's program, or (plain JavaScript) the inferred one of its package.
    it(`${project.name}: reports exactly the annotated diagnostics (typed, ${project.tsconfig ? 'tsconfig' : 'inferred project'})`, { timeout: 180_000 }, async () => {
      const annotations = project.files.flatMap((file) => parseAnnotations(file, fs.readFileSync(file, 'utf8'))).filter((annotation) => checked.has(annotation.ruleId));
      const reported: ReportedFinding[] = [];
      for (const file of project.files) {
        const uri = pathToFileURL(file).href;
        await harness.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: languageOf(file), version: 1, text: fs.readFileSync(file, 'utf8') } });
        const report = (await harness.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] };
        for (const item of report.items) {
          expect([item.source, item.codeDescription?.href.endsWith(`/docs/rules/${String(item.code)}.md`)]).toEqual(['redis-lint', true]);
          if (checked.has(String(item.code))) reported.push({ file, line: item.range.start.line + 1, ruleId: String(item.code) });
        }
      }
      const analyses = harness.analyses.filter((analysis) => project.files.some((file) => pathToFileURL(file).href === analysis.uri));
      expect(new Set(analyses.filter((analysis) => !analysis.provisional).map((analysis) => analysis.typed))).toEqual(new Set([true]));
      // Each file was answered from its text alone first, before any program was built.
      const firstAnswers = project.files.map((file) => analyses.find((analysis) => analysis.uri === pathToFileURL(file).href));
      expect(new Set(firstAnswers.map((analysis) => `${analysis?.provisional} ${analysis?.typed}`))).toEqual(new Set(['true false']));
      expect(formatMismatch(compareWithAnnotations(annotations, reported), FIXTURES_ROOT), 'missing = annotated but not reported; unexpected = reported but not annotated').toBe('');
    });
  }
});

describe('language server: a finding at a helper\'s call', () => {
  it('carries the command inside the helper as related information', { timeout: 180_000 }, async () => {
    const file = path.join(FIXTURES_ROOT, 'express-ioredis/src/routes/catalog.ts');
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, 'utf8');
    await harness.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const report = (await harness.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] };
    const lineOf = (needle: string): number => text.split('\n').findIndex((line) => line.includes(needle));
    const ttl = report.items.find((item) => item.code === 'require-ttl');
    expect(ttl?.range.start.line).toBe(lineOf('await this.put(`cache:product:'));
    expect(ttl?.relatedInformation).toEqual([
      { location: { uri, range: { start: { line: lineOf('return redis.set(key, value);'), character: 17 }, end: { line: lineOf('return redis.set(key, value);'), character: 32 } } }, message: 'SET is sent here, in `put`' },
    ]);
  });
});

describe('language server: a finding at the call of a helper in another module', () => {
  it('carries the command inside the helper, in that module, as related information', { timeout: 180_000 }, async () => {
    const file = path.join(FIXTURES_ROOT, 'express-js-app/src/routes/rooms.js');
    const helper = path.join(FIXTURES_ROOT, 'express-js-app/src/lib/cache.js');
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, 'utf8');
    const helperLines = fs.readFileSync(helper, 'utf8').split('\n');
    await harness.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'javascript', version: 1, text } });
    const report = (await harness.client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] };
    const ttl = report.items.find((item) => item.code === 'require-ttl');
    expect(ttl?.range.start.line).toBe(text.split('\n').findIndex((line) => line.includes('await cache.save(')));
    const line = helperLines.findIndex((candidate) => candidate.includes('client.set(key, value)'));
    const character = helperLines[line]!.indexOf('set(key');
    expect(ttl?.relatedInformation).toEqual([
      { location: { uri: pathToFileURL(helper).href, range: { start: { line, character }, end: { line, character: helperLines[line]!.indexOf('),') + 1 } } }, message: 'SET is sent here, in `save`' },
    ]);
  });
});

describe('language server on the fixtures, after an edit', () => {
  let pushHarness: Harness;
  beforeAll(async () => {
    pushHarness = await startHarness({ rootUri: pathToFileURL(FIXTURES_ROOT).href, capabilities: PUSH_CLIENT });
  });
  afterAll(() => pushHarness.dispose());

  for (const project of listFixtureProjects()) {
    // An edit that changes no finding: the provisional answer (untyped + the typed facts of version 1) is already the typed one.
    it(`${project.name}: the provisional diagnostics are the typed ones, published once`, { timeout: 180_000 }, async () => {
      for (const file of project.files) {
        const uri = pathToFileURL(file).href;
        const text = fs.readFileSync(file, 'utf8');
        await pushHarness.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: languageOf(file), version: 1, text } });
        const opened = await pushHarness.settledDiagnostics(uri, 1);
        await pushHarness.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${text}\n// edited\n` }] });
        const provisional = await pushHarness.provisionallyAnalyzed(uri, 2);
        const final = await pushHarness.analyzed(uri, 2);
        const edited = await pushHarness.nextDiagnostics(uri, 2);
        expect([provisional.findingCount, final.typed], path.relative(FIXTURES_ROOT, file)).toEqual([final.findingCount, true]);
        expect(edited.diagnostics.map((d) => ({ ...d, data: undefined })), path.relative(FIXTURES_ROOT, file)).toEqual(opened.diagnostics.map((d) => ({ ...d, data: undefined })));
        expect(pushHarness.published.filter((params) => params.uri === uri && params.version === 2), path.relative(FIXTURES_ROOT, file)).toHaveLength(1);
      }
    });
  }
});
