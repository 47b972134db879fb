import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, applySuppressions, rules } from '@redis-lint/analyzer';
import { ClientVersionReader } from '@redis-lint/analyzer/node';
import { compareWithAnnotations, formatMismatch, parseAnnotations, FIXTURES_ROOT } from '../../../test-support/annotations.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverBin = path.resolve(here, '../dist/bin.js');
const fixture = path.join(FIXTURES_ROOT, 'express-ioredis', 'src', 'server.ts');
const CORE_RULES = new Set(['no-crossslot', 'no-hardcoded-credentials', 'no-keys-command', 'no-per-request-client', 'no-unbounded-reads', 'require-timeouts', 'require-ttl']);
const checked = new Set(rules.map((rule) => rule.id).filter((id) => CORE_RULES.has(id)));

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvimFound = nvim.status === 0;
const required = process.env.CI === 'true';
if (!nvimFound && !required) console.warn('neovim.test.ts: SKIPPED — `nvim` is not on PATH (install the Debian package `neovim`; CI=true makes this test required).');

interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code: string;
  source: string;
  codeDescription?: { href: string };
}

interface NeovimResult {
  errors: string[];
  /** Milliseconds from `start_client` to the first diagnostics, and to the final (typed) analysis. */
  first_ms?: number;
  final_ms?: number;
  first?: LspDiagnostic[];
  analyses?: Array<{ version: number; typed: boolean; provisional?: boolean; findingCount: number }>;
  publish_count?: number;
  diagnostics?: LspDiagnostic[];
  nvim_diagnostics?: number;
  actions?: Array<{ title: string; kind?: string; isPreferred?: boolean; edit?: unknown; command?: unknown }>;
  edited_line?: string;
  after?: LspDiagnostic[];
}

/**
 * The floor the open is compared with: a fresh `node` that loads TypeScript and parses the file,
 * timed from spawn to exit like the server from `start_client` (median of three).
 */
function parseFloorMs(file: string): number {
  const script = "const ts = require('typescript'); const f = process.argv[1]; ts.createSourceFile(f, require('fs').readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);";
  const samples = Array.from({ length: 3 }, () => {
    const started = performance.now();
    const run = spawnSync(process.execPath, ['-e', script, file], { cwd: path.dirname(serverBin), encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the parse floor failed: ${run.stderr}`);
    return performance.now() - started;
  });
  return samples.sort((a, b) => a - b)[1]!;
}

/** What the server must publish before any program exists: the engine's untyped answer, with every rule on as fixtures/redis-lint.config.json has them. */
function untypedAnswer(file: string, text: string): string[] {
  const allRules = { rules: Object.fromEntries(rules.map((rule) => [rule.id, 'error' as const])) };
  const document = TextDocument.create('file:///x.ts', 'typescript', 1, text);
  const findings = applySuppressions(file, text, analyzeText(file, text, allRules, new ClientVersionReader().forFile(file))).kept;
  return findings.map((finding) => {
    const { line, character } = document.positionAt(finding.start);
    return `${finding.ruleId}@${line}:${character}`;
  });
}

describe.skipIf(!nvimFound && !required)(`headless Neovim as the LSP client (${nvimFound ? nvim.stdout.split('\n')[0] : 'nvim missing'})`, () => {
  it('receives exactly the annotated diagnostics of a fixture file and applies a quick fix', () => {
    expect(nvimFound, '`nvim` must be installed when CI=true').toBe(true);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-nvim-'));
    const out = path.join(work, 'result.json');
    // Neovim edits the buffer only; a copy keeps the fixture itself untouched even if it wrote.
    try {
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(here, 'neovim', 'e2e.lua')}`], {
        env: { ...process.env, RL_OUT: out, RL_FILE: fixture, RL_ROOT: FIXTURES_ROOT, RL_NODE: process.execPath, RL_SERVER: serverBin },
        timeout: 60_000,
        killSignal: 'SIGKILL',
        encoding: 'utf8',
      });
      expect(run.error, `nvim did not finish within 60 s: ${String(run.error)}`).toBeUndefined();
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult;
      expect(result.errors.filter((error) => !error.startsWith('redis-lint: unknown rule'))).toEqual([]);

      const text = fs.readFileSync(fixture, 'utf8');
      // On open the untyped answer goes out before the program is built, then the typed one.
      expect((result.analyses ?? []).map((analysis) => [analysis.version, analysis.typed, analysis.provisional === true])).toEqual([
        [0, false, true],
        [0, true, false],
      ]);
      expect((result.first ?? []).map((diagnostic) => `${diagnostic.code}@${diagnostic.range.start.line}:${diagnostic.range.start.character}`)).toEqual(untypedAnswer(fixture, text));
      expect(result.first_ms).toBeLessThanOrEqual(result.final_ms!);
      const floor = parseFloorMs(fixture);
      console.log(
        `neovim.test.ts: open of ${path.relative(FIXTURES_ROOT, fixture)} from start_client: first diagnostics ${result.first_ms!.toFixed(0)} ms = ${(result.first_ms! / floor).toFixed(2)}× the floor, ` +
          `typed answer ${result.final_ms!.toFixed(0)} ms = ${(result.final_ms! / floor).toFixed(2)}× (floor: a fresh node loading TypeScript and parsing the file, ${floor.toFixed(0)} ms)`,
      );

      const annotations = parseAnnotations(fixture, text).filter((annotation) => checked.has(annotation.ruleId));
      const reported = (result.diagnostics ?? [])
        .filter((diagnostic) => checked.has(diagnostic.code))
        .map((diagnostic) => ({ file: fixture, line: diagnostic.range.start.line + 1, ruleId: diagnostic.code }));
      expect(annotations.filter((annotation) => annotation.kind === 'ruleid').length).toBeGreaterThan(0);
      expect(formatMismatch(compareWithAnnotations(annotations, reported), FIXTURES_ROOT)).toBe('');
      expect(result.nvim_diagnostics).toBe(result.diagnostics!.length);
      expect(new Set(result.diagnostics!.map((diagnostic) => diagnostic.source))).toEqual(new Set(['redis-lint']));

      const first = result.diagnostics![0]!;
      const titles = (result.actions ?? []).map((action) => action.title);
      expect(titles.slice(-2)).toEqual([`Disable ${first.code} for this line`, `Show documentation for ${first.code}`]);
      expect(result.edited_line?.trim()).toBe(`// redis-lint-disable-next-line ${first.code}`);
      const key = (diagnostic: LspDiagnostic): string => `${diagnostic.code}@${diagnostic.range.start.line}`;
      const shifted = result.diagnostics!.slice(1).map((diagnostic) => ({ ...diagnostic, range: { ...diagnostic.range, start: { ...diagnostic.range.start, line: diagnostic.range.start.line + 1 } } }));
      expect((result.after ?? []).map(key)).toEqual(shifted.map(key));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
