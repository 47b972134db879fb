#!/usr/bin/env node
// ESLint with the `recommended` config ÷ ESLint with the same typed parser and no rules, on one
// codebase: `node packages/eslint-plugin/scripts/bench-eslint.mjs <path> [--runs 3] [--project <tsconfig>] [--floors]`.
// Each run is a fresh process (no warm program cache); the ratio is of the medians of wall time.
// `--floors` also times what any rule costs before it does anything: one rule with no listener
// (ESLint then walks the tree and runs its code path analysis) and one that only asks
// typescript-eslint for the type checker (TypeScript then binds every file of the program).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    project: { type: 'string' },
    child: { type: 'string' },
    floors: { type: 'boolean', default: false },
  },
});

const target = path.resolve(positionals[0] ?? '.');

// typescript-eslint's project service never looks for a tsconfig above tsconfigRootDir.
function tsconfigRoot(start) {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'tsconfig.json'))) return directory;
    if (path.dirname(directory) === directory) return start;
  }
}

if (values.child) {
  const { ESLint } = await import('eslint');
  const { default: tsParser } = await import('@typescript-eslint/parser');
  const { default: plugin } = await import('../dist/index.js');
  const floorRule = (create) => ({ meta: { type: 'problem', schema: [] }, create });
  const floors = {
    plugins: {
      floor: {
        rules: {
          'empty-rule': floorRule(() => ({})),
          'checker-rule': floorRule((context) => ({ Program: () => void context.sourceCode.parserServices?.program?.getTypeChecker() })),
        },
      },
    },
  };
  const parserOptions = values.project ? { project: path.resolve(values.project), tsconfigRootDir: target } : { projectService: true, tsconfigRootDir: tsconfigRoot(target) };
  const config = [
    { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser, parserOptions } },
    ...(values.child === 'recommended' ? [plugin.configs.recommended] : []),
    ...(values.child.endsWith('-rule') ? [{ ...floors, rules: { [`floor/${values.child}`]: 'error' } }] : []),
  ];
  const eslint = new ESLint({ cwd: target, overrideConfigFile: true, overrideConfig: config, ignorePatterns: ['**/node_modules/**', '**/*.d.ts'], errorOnUnmatchedPattern: false });
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const results = await eslint.lintFiles(['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts']);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const findings = results.reduce((sum, result) => sum + result.messages.filter((message) => message.ruleId?.startsWith('@redis-lint/')).length, 0);
  const fatal = results.reduce((sum, result) => sum + result.fatalErrorCount, 0);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, files: results.length, findings, fatal }));
  process.exit(0);
}

const runs = Number.parseInt(values.runs, 10);
const self = fileURLToPath(import.meta.url);
const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

function measure(mode) {
  const args = [self, target, '--child', mode, ...(values.project ? ['--project', values.project] : [])];
  const child = spawnSync(process.execPath, ['--max-old-space-size=6144', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`${mode} run failed (${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout);
}

const modes = ['none', 'recommended', ...(values.floors ? ['empty-rule', 'checker-rule'] : [])];
const timings = Object.fromEntries(modes.map((mode) => [mode, []]));
const cpuTimings = Object.fromEntries(modes.map((mode) => [mode, []]));
let last = {};
for (let run = 0; run < runs; run++) {
  for (const mode of modes) {
    const result = measure(mode);
    timings[mode].push(result.ms);
    cpuTimings[mode].push(result.cpuMs);
    last[mode] = result;
    process.stderr.write(`run ${run + 1} ${mode.padEnd(11)} wall ${(result.ms / 1000).toFixed(2)} s  cpu ${(result.cpuMs / 1000).toFixed(2)} s  files ${result.files}  findings ${result.findings}  parse errors ${result.fatal}\n`);
  }
}
const report = (label, samples) => {
  const none = median(samples.none);
  const recommended = median(samples.recommended);
  console.log(`${label}: no rules ${(none / 1000).toFixed(2)} s, recommended ${(recommended / 1000).toFixed(2)} s (medians of ${runs}); ratio ${(recommended / none).toFixed(3)} (overhead ${(((recommended - none) / none) * 100).toFixed(1)}%)`);
};
console.log(`files ${last.none.files}, redis-lint findings ${last.recommended.findings}`);
report('wall time', timings);
// CPU time is the steadier measure on a shared machine.
report('CPU time ', cpuTimings);
for (const mode of modes.filter((mode) => mode.endsWith('-rule'))) {
  const none = median(timings.none);
  const floor = median(timings[mode]);
  console.log(`floor, one ${mode === 'empty-rule' ? 'rule with no listener' : 'rule that only asks for the type checker'}: ${(floor / 1000).toFixed(2)} s; ratio to no rules ${(floor / none).toFixed(3)}`);
}
