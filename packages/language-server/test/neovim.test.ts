import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '@redis-lint/analyzer';
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
  diagnostics?: LspDiagnostic[];
  nvim_diagnostics?: number;
  actions?: Array<{ title: string; kind?: string; isPreferred?: boolean; edit?: unknown; command?: unknown }>;
  edited_line?: string;
  after?: LspDiagnostic[];
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
