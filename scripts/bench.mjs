#!/usr/bin/env node
// `npm run bench [-- <path>] [--runs 5] [--files 400] [--keep] [--only a,b] [--open <file>]`: the speed ratios
// of SPEC §6 / issue 7, measured in one run on the same files. With no path, a realistic project of --files
// TypeScript files (Express handlers, ioredis clients, key builders, imports between them) is generated in a
// temp dir. Every timing is a fresh process except the language server's after an edit (a warm server, as in an editor);
// each ratio is of the medians over --runs runs. Ratios only: absolute times depend on the machine.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const CLI = path.join(REPO, 'packages/cli/bundle/bin.js');
const TSC = path.join(REPO, 'node_modules/typescript/bin/tsc');
const ESLINT_BENCH = path.join(REPO, 'packages/eslint-plugin/scripts/bench-eslint.mjs');
const LANGUAGE_SERVER = path.join(REPO, 'packages/language-server/dist/bin.js');
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const { values, positionals } = parsedArgs();

if (values.child === 'parse') await parseChild(positionals[0]);
else if (values.child === 'lsp') await languageServerChild(positionals[0], positionals[1], Number(positionals[2]), positionals[3] === 'typed');
else if (values.child === 'rss') await rssChild(positionals);
else await main();

async function main() {
  const runs = Math.max(1, Number.parseInt(values.runs, 10));
  const generated = positionals[0] === undefined;
  const target = generated ? generateProject(Number.parseInt(values.files, 10)) : path.resolve(positionals[0]);
  const only = values.only ? new Set(values.only.split(',')) : undefined;
  const wanted = (name) => !only || only.has(name);
  const tsconfig = fs.existsSync(path.join(target, 'tsconfig.json')) ? path.join(target, 'tsconfig.json') : undefined;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-bench-'));
  try {
    const listing = JSON.parse(run(process.execPath, [CLI, '.', '--no-type-check', '--format', 'json', '--exit-zero'], target).stdout);
    const files = listing.files.map((file) => path.resolve(reportRoot(target), file.file));
    const findings = listing.files.reduce((sum, file) => sum + file.findings.length, 0);
    const listFile = path.join(scratch, 'files.json');
    fs.writeFileSync(listFile, JSON.stringify(files));
    const lines = files.reduce((sum, file) => sum + fs.readFileSync(file, 'utf8').split('\n').length, 0);
    console.log(`redis-lint bench on ${generated ? `a generated project (${target})` : target}: ${files.length} files, ${lines} lines, ${findings} untyped findings; ${runs} runs, ${os.availableParallelism()} cores, Node ${process.version}`);

    if (wanted('untyped')) {
      const parse = times(runs, () => timed(process.execPath, [SELF, '--child', 'parse', listFile], target));
      const cli = times(runs, () => timed(process.execPath, [CLI, '.', '--no-type-check', '--format', 'json', '--exit-zero'], target));
      report('untyped CLI ÷ TypeScript parse of the same files', cli, parse, 1.3);
    }
    if (tsconfig && wanted('typed')) {
      // A tsconfig with `incremental` or `composite` makes tsc reuse its .tsbuildinfo and skip the type
      // check when nothing changed: every run gets a build info file that does not exist yet.
      let buildInfos = 0;
      const freshBuildInfo = () => (isIncremental(tsconfig) ? ['--tsBuildInfoFile', path.join(scratch, `tsc-${buildInfos++}.tsbuildinfo`)] : []);
      // A tsconfig written for TypeScript 5 stops TypeScript 6 at its deprecated options, before any type check.
      const deprecations = usesDeprecatedOptions(tsconfig) ? ['--ignoreDeprecations', '6.0'] : [];
      const tsc = times(runs, () => timed(process.execPath, [TSC, '--noEmit', '-p', tsconfig, ...freshBuildInfo(), ...deprecations], target));
      // The same files as tsc: the tsconfig's own (a repository also holds tests and scripts it does not include).
      const rootFiles = programRootFiles(tsconfig);
      const cli = times(runs, () => timed(process.execPath, [CLI, ...rootFiles.map((file) => path.relative(target, file)), '--format', 'json', '--exit-zero'], target));
      const fresh = `${isIncremental(tsconfig) ? '; tsc given a new .tsbuildinfo per run, so it type-checks' : ''}${deprecations.length ? '; tsc told --ignoreDeprecations 6.0, which the tsconfig needs to be type-checked at all' : ''}`;
      report(`typed CLI ÷ tsc --noEmit (the ${rootFiles.length} source files of ${path.relative(target, tsconfig)}${fresh})`, cli, tsc, 1.1);
      report('typed CLI peak memory ÷ tsc peak memory', cli.map((one) => ({ ms: one.rssKb, cpuMs: Number.NaN })), tsc.map((one) => ({ ms: one.rssKb, cpuMs: Number.NaN })), 1.2, 'MB', 1 / 1024);
    } else if (!tsconfig && wanted('typed')) {
      // No tsconfig (a plain-JS project): the CLI builds the inferred program of the package, so tsc
      // gets the same program: the same files under the inferred project's options (allowJs, no checkJs).
      const inferred = path.join(scratch, 'tsconfig.inferred.json');
      fs.writeFileSync(inferred, JSON.stringify({ compilerOptions: { allowJs: true, checkJs: false, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', allowSyntheticDefaultImports: true, esModuleInterop: true, jsx: 'preserve', skipLibCheck: true, maxNodeModuleJsDepth: 0 }, files: files }));
      const tsc = times(runs, () => timed(process.execPath, [TSC, '--noEmit', '-p', inferred], target));
      const cli = times(runs, () => timed(process.execPath, [CLI, '.', '--format', 'json', '--exit-zero'], target));
      report(`typed CLI (inferred project, no tsconfig) ÷ tsc --noEmit --allowJs over the same ${files.length} files`, cli, tsc, 1.1);
      report('typed CLI peak memory ÷ tsc peak memory', cli.map((one) => ({ ms: one.rssKb, cpuMs: Number.NaN })), tsc.map((one) => ({ ms: one.rssKb, cpuMs: Number.NaN })), 1.2, 'MB', 1 / 1024);
    }
    if (wanted('eslint')) eslintRatio(target, runs);
    if (wanted('lsp')) {
      for (const mode of tsconfig ? ['typed', 'untyped'] : ['untyped']) {
        // Typed, the document must be one the tsconfig's program holds, or the server analyzes it untyped.
        const file = pickDocument(listing, target, mode === 'typed' ? programRootFiles(tsconfig) : undefined);
        const child = run(process.execPath, [SELF, '--child', 'lsp', target, file, String(Math.max(runs, 10)), mode], target);
        const { analyses, provisional, programs, corrected, parses, typed } = JSON.parse(child.stdout);
        const measured = `asked ${mode}, measured ${typed ? 'typed' : 'untyped'}, ${path.relative(target, file)}`;
        const baseline = parses.map((ms) => ({ ms }));
        if (provisional.length === 0) report(`language server re-analysis after an edit (${measured}) ÷ one parse of it`, analyses.map((ms) => ({ ms })), baseline, 2);
        else {
          // A typed document is answered twice per edit: at once (new text + the last typed facts), then by the new program.
          report(`language server first diagnostics after an edit, provisional (${measured}) ÷ one parse of it`, provisional.map((ms) => ({ ms })), baseline, 2);
          report(`language server final typed diagnostics after an edit (${measured}) ÷ one parse of it`, analyses.map((ms) => ({ ms })), baseline, 2);
          // For scale: what TypeScript alone took to bring the program and its checker up to date, which every typed answer waits for.
          console.log(`  of which TypeScript updating the program and its type checker ÷ one parse: ${(median(programs) / median(parses)).toFixed(3)}   [medians ${median(programs).toFixed(1)} ms / ${median(parses).toFixed(1)} ms]`);
          console.log(`  the typed diagnostics corrected the provisional ones after ${corrected} of ${analyses.length} edits`);
        }
      }
    }
    if (wanted('open')) {
      // As an editor meets it: a fresh server process, from its start to the diagnostics of the file it was opened with.
      const file = values.open ? path.resolve(values.open) : pickDocument(listing, target, tsconfig ? programRootFiles(tsconfig) : undefined);
      const oneFile = path.join(scratch, 'open.json');
      fs.writeFileSync(oneFile, JSON.stringify([file]));
      const floor = [];
      const opens = [];
      for (let index = 0; index <= runs; index++) {
        // The first of each is a warm-up (the disk cache), as `times` does.
        const parsed = timed(process.execPath, [SELF, '--child', 'parse', oneFile], target);
        const opened = await openInFreshServer(target, file);
        if (index === 0) continue;
        floor.push(parsed);
        opens.push(opened);
      }
      const measured = `${path.relative(target, file)}, ${opens.at(-1).typed ? 'typed' : 'untyped'}`;
      report(`language server first diagnostics on open, from its start (${measured}) ÷ a fresh node parsing the file`, opens.map((one) => ({ ms: one.firstMs })), floor, 2);
      report(`language server final diagnostics on open, from its start (${measured}) ÷ the same floor`, opens.map((one) => ({ ms: one.finalMs })), floor);
    }
    if (wanted('cache')) {
      for (const mode of tsconfig ? ['typed', 'untyped'] : ['untyped']) {
        const cold = [];
        const warm = [];
        for (let index = 0; index < runs; index++) {
          const location = path.join(scratch, `cache-${mode}-${index}`);
          const args = [CLI, '.', '--format', 'json', '--exit-zero', '--cache-location', location, ...(mode === 'untyped' ? ['--no-type-check'] : [])];
          cold.push(timed(process.execPath, args, target));
          warm.push(timed(process.execPath, args, target));
          fs.rmSync(location, { recursive: true, force: true });
        }
        report(`warm cached run ÷ cold run (${mode})`, warm, cold, 0.1);
      }
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    if (generated && !values.keep) fs.rmSync(target, { recursive: true, force: true });
  }
}

function isIncremental(tsconfig) {
  const ts = createRequire(import.meta.url)('typescript');
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  return Boolean(parsed?.options.incremental || parsed?.options.composite);
}

/** Options TypeScript 6 refuses until told to ignore deprecations (TS5101, TS5107): tsc then reports them and checks nothing. */
function usesDeprecatedOptions(tsconfig) {
  const ts = createRequire(import.meta.url)('typescript');
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) return false;
  const diagnostics = ts.createProgram({ rootNames: [], options: parsed.options }).getOptionsDiagnostics();
  return diagnostics.some((diagnostic) => diagnostic.code === 5101 || diagnostic.code === 5107);
}

function programRootFiles(tsconfig) {
  const ts = createRequire(import.meta.url)('typescript');
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  return (parsed?.fileNames ?? []).filter((file) => !/\.d\.[cm]?ts$/.test(file));
}

function report(label, measured, baseline, target, unit = 's', scale = 1 / 1000) {
  const top = median(measured.map((one) => one.ms));
  const bottom = median(baseline.map((one) => one.ms));
  const ratio = top / bottom;
  const verdict = target === undefined ? '' : ratio <= target ? 'ok' : 'MISSED';
  const show = (value) => (unit === 's' && value * scale < 0.1 ? `${value.toFixed(1)} ms` : `${(value * scale).toFixed(2)} ${unit}`);
  // On a shared, loaded machine wall time is noisy; the CPU time of the same processes is printed beside it.
  const cpu = measured.every((one) => Number.isFinite(one.cpuMs)) && baseline.every((one) => Number.isFinite(one.cpuMs)) ? median(measured.map((one) => one.cpuMs)) / median(baseline.map((one) => one.cpuMs)) : undefined;
  const cpuText = cpu === undefined ? '' : `, CPU time ratio ${cpu.toFixed(3)}`;
  const goal = target === undefined ? '' : ` (target ≤ ${target}) ${verdict}`;
  console.log(`${label}: ${ratio.toFixed(3)}${goal}   [medians ${show(top)} / ${show(bottom)}${cpuText}]`);
}

function eslintRatio(target, runs) {
  if (!fs.existsSync(ESLINT_BENCH)) {
    console.log('ESLint recommended ÷ ESLint no rules: skipped (packages/eslint-plugin/scripts/bench-eslint.mjs is missing)');
    return;
  }
  const child = spawnSync(process.execPath, [ESLINT_BENCH, target, '--runs', String(runs), '--floors'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // Its summary lines: `<wall time|cpu time>: no rules X s, recommended Y s (medians of N); ratio …`.
  const medians = {};
  for (const match of child.stdout.matchAll(/^(.*?):\s+no rules ([\d.]+) s, recommended ([\d.]+) s/gm)) medians[/cpu/i.test(match[1]) ? 'cpu' : 'wall'] = { none: Number(match[2]) * 1000, recommended: Number(match[3]) * 1000 };
  if (child.status !== 0 || !medians.wall) {
    console.log(`ESLint recommended ÷ ESLint no rules: failed (${child.status}) ${`${child.stdout}\n${child.stderr}`.split('\n').slice(-5).join(' ')}`);
    return;
  }
  const cpu = medians.cpu ?? { none: Number.NaN, recommended: Number.NaN };
  report('ESLint recommended ÷ ESLint no rules (same typed parser)', [{ ms: medians.wall.recommended, cpuMs: cpu.recommended }], [{ ms: medians.wall.none, cpuMs: cpu.none }], 1.1);
  // What any rule costs before it does anything, for scale: ESLint's walk, and TypeScript binding every file for a checker.
  for (const match of child.stdout.matchAll(/^floor, (.*): ([\d.]+) s; ratio to no rules ([\d.]+)$/gm)) console.log(`  for scale, ESLint with ${match[1]} ÷ no rules: ${match[3]}`);
}

/**
 * The document the language server is timed on: the largest file with a finding (a file people edit),
 * else the largest that names a client package. `within`: only these files (a program's own).
 */
function pickDocument(listing, target, within) {
  const allowed = within ? new Set(within.map((file) => path.resolve(file))) : undefined;
  const files = listing.files.map((file) => ({ name: path.resolve(reportRoot(target), file.file), findings: file.findings.length })).filter((file) => !allowed || allowed.has(file.name));
  const withFindings = files.filter((file) => file.findings > 0);
  const naming = files.filter((file) => /redis|valkey|@vercel\/kv/i.test(fs.readFileSync(file.name, 'utf8')));
  const candidates = (withFindings.length > 0 ? withFindings : naming.length > 0 ? naming : files).map((file) => file.name);
  return candidates.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
}

/** What the CLI's report paths are relative to: the git work tree holding the codebase, else the codebase. */
function reportRoot(target) {
  const git = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: target, encoding: 'utf8' });
  return git.status === 0 ? git.stdout.trim() : target;
}

function times(runs, measure) {
  measure();
  return Array.from({ length: runs }, measure);
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function run(command, args, cwd) {
  const child = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (child.status !== 0 && child.status !== 1) throw new Error(`${path.basename(args[0] ?? command)} failed (${child.status ?? child.signal}):\n${child.stderr}`);
  return child;
}

/** Wall time and peak resident memory of one process (`/usr/bin/time -v`, else the process's own `resourceUsage`). */
function timed(command, args, cwd) {
  const started = performance.now();
  const child = TIME ? spawnSync(TIME, ['-v', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }) : spawnSync(process.execPath, [SELF, '--child', 'rss', ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1 && !(args[0] === TSC && child.status === 2)) throw new Error(`${path.basename(args[0])} failed (${child.status ?? child.signal}):\n${child.stderr.slice(-2000)}`);
  const rss = TIME ? /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr) : /bench-max-rss-kb (\d+)/.exec(child.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(child.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(child.stderr);
  const cpuMs = user && system ? (Number(user[1]) + Number(system[1])) * 1000 : Number.NaN;
  return { ms, rssKb: rss ? Number(rss[1]) : Number.NaN, cpuMs };
}

/** Fallback memory probe: runs a Node script in this process and reports its peak RSS on exit. */
async function rssChild([script, ...args]) {
  process.argv = [process.execPath, script, ...args];
  process.on('exit', () => fs.writeSync(2, `\nbench-max-rss-kb ${process.resourceUsage().maxRSS}\n`));
  await import(pathToFileURL(path.resolve(script)).href);
}

/** The floor: load TypeScript (the fast way, `require`), read and parse every file (with parent pointers, as the engine needs). */
async function parseChild(listFile) {
  const ts = createRequire(import.meta.url)('typescript');
  const files = JSON.parse(fs.readFileSync(listFile, 'utf8'));
  let nodes = 0;
  for (const file of files) {
    const kind = /\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : /\.jsx$/.test(file) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
    nodes += ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind).statements.length;
  }
  process.stdout.write(String(nodes));
}

/** The real server in this process over in-memory pipes; times `runs` edits of one document (after warm-up edits). */
async function languageServerChild(root, file, runs, typeCheck) {
  const { PassThrough } = await import('node:stream');
  const { default: ts } = await import('typescript');
  const protocol = await import('vscode-languageserver-protocol/node');
  const { createConnection } = await import('vscode-languageserver/node');
  const { startServer, AnalysisDoneNotification } = await import(pathToFileURL(path.join(REPO, 'packages/language-server/dist/index.js')).href);
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new protocol.StreamMessageReader(toServer), new protocol.StreamMessageWriter(toClient));
  startServer(server, { debounceMs: 0 });
  server.listen();
  const client = protocol.createProtocolConnection(new protocol.StreamMessageReader(toClient), new protocol.StreamMessageWriter(toServer));
  const waiting = new Map();
  const done = new Map();
  const early = new Map();
  client.onNotification(AnalysisDoneNotification.method, (params) => {
    if (params.provisional) {
      early.set(params.version, params);
      return;
    }
    done.set(params.version, params);
    waiting.get(params.version)?.(params);
  });
  const publishes = new Map();
  client.onNotification(protocol.PublishDiagnosticsNotification.type, (params) => publishes.set(params.version, (publishes.get(params.version) ?? 0) + 1));
  client.onNotification('window/logMessage', () => undefined);
  client.onRequest(protocol.ConfigurationRequest.type, (params) => params.items.map(() => ({ typeCheck })));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  const rootUri = pathToFileURL(root).href;
  await client.sendRequest(protocol.InitializeRequest.type, {
    processId: null,
    rootUri,
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { analysisNotifications: true },
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
  });
  await client.sendNotification(protocol.InitializedNotification.type, {});
  const analyzed = (version) => (done.has(version) ? Promise.resolve(done.get(version)) : new Promise((resolve) => waiting.set(version, resolve)));
  const uri = pathToFileURL(file).href;
  const original = fs.readFileSync(file, 'utf8');
  await client.sendNotification(protocol.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: file.endsWith('x') ? 'typescriptreact' : 'typescript', version: 1, text: original } });
  const first = await analyzed(1);
  // The server has parsed a whole program in typed mode; warm the parser up the same way in both modes.
  for (let index = 0; index < 30; index++) ts.createSourceFile(file, original, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const analyses = [];
  const provisional = [];
  const programs = [];
  const parses = [];
  // Warm the server's own code as much as the parser above: an editor's server has answered many edits
  // before the one that counts, and one warm-up edit left a 0.4 ms parse beside a half-compiled engine.
  const warmUp = 10;
  for (let index = 0; index < runs + warmUp; index++) {
    const version = index + 2;
    // An edit inside the code (a new statement at the end), as typing does; the document stays valid.
    const text = `${original}\nexport const benchEdit${index} = ${index};\n`;
    await client.sendNotification(protocol.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    const result = await analyzed(version);
    const samples = [];
    for (let sample = 0; sample < 5; sample++) {
      const started = performance.now();
      ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      samples.push(performance.now() - started);
    }
    const parsed = median(samples);
    if (index < warmUp) continue;
    analyses.push(result.durationMs);
    if (result.programMs !== undefined) programs.push(result.programMs);
    if (early.has(version)) provisional.push(early.get(version).durationMs);
    parses.push(parsed);
  }
  // Versions whose typed diagnostics differed from the provisional ones (published twice); the last publish may still be on its way.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const corrected = [...publishes].filter(([version, count]) => version >= warmUp + 2 && count > 1).length;
  process.stdout.write(JSON.stringify({ analyses, provisional, programs, corrected, parses, typed: first.typed }));
  client.dispose();
  server.dispose();
  process.exit(0);
}

/**
 * Starts the language server as an editor does (`node bin.js --stdio`), opens `file` in a workspace
 * at `root`, and times from the spawn to its first published diagnostics and to its final analysis.
 */
async function openInFreshServer(root, file) {
  const protocol = await import('vscode-languageserver-protocol/node');
  const { AnalysisDoneNotification } = await import(pathToFileURL(path.join(REPO, 'packages/language-server/dist/protocol.js')).href);
  const uri = pathToFileURL(file).href;
  const started = performance.now();
  const child = spawn(process.execPath, [LANGUAGE_SERVER, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
  const client = protocol.createProtocolConnection(new protocol.StreamMessageReader(child.stdout), new protocol.StreamMessageWriter(child.stdin));
  let firstMs;
  const final = new Promise((resolve) => {
    client.onNotification(AnalysisDoneNotification.method, (params) => {
      if (params.uri === uri && !params.provisional) resolve({ finalMs: performance.now() - started, typed: params.typed });
    });
  });
  const first = new Promise((resolve) => {
    client.onNotification(protocol.PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri && firstMs === undefined) resolve((firstMs = performance.now() - started));
    });
  });
  client.onNotification('window/logMessage', () => undefined);
  client.onRequest(protocol.ConfigurationRequest.type, (params) => params.items.map(() => null));
  client.listen();
  const rootUri = pathToFileURL(root).href;
  await client.sendRequest(protocol.InitializeRequest.type, { processId: null, rootUri, capabilities: { workspace: { configuration: true } }, initializationOptions: { analysisNotifications: true }, workspaceFolders: [{ uri: rootUri, name: 'bench' }] });
  await client.sendNotification(protocol.InitializedNotification.type, {});
  await client.sendNotification(protocol.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: /\.[cm]?tsx?$/.test(file) ? 'typescript' : 'javascript', version: 1, text: fs.readFileSync(file, 'utf8') } });
  const [firstDone, finalDone] = await Promise.all([first, final]);
  client.dispose();
  child.kill();
  return { firstMs: firstDone, ...finalDone };
}

/** A realistic service: Redis clients, key builders, repositories, Express routers and services importing each other. */
function generateProject(count) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-bench-project-'));
  const write = (name, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  write('package.json', JSON.stringify({ name: 'bench-service', private: true, type: 'module', dependencies: { ioredis: '^5.4.0', express: '^5.0.0' } }, null, 2));
  write(
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['src', 'types'] }, null, 2),
  );
  write(
    'types/express.d.ts',
    `declare module 'express' {
  export interface Request { params: Record<string, string>; query: Record<string, string | undefined>; ip: string; body: unknown }
  export interface Response { json(body: unknown): Response; status(code: number): Response; send(body?: unknown): Response }
  export type Handler = (req: Request, res: Response, next: (error?: unknown) => void) => unknown;
  export interface Router { get(path: string, ...handlers: Handler[]): Router; post(path: string, ...handlers: Handler[]): Router; delete(path: string, ...handlers: Handler[]): Router }
  export function Router(): Router;
}
`,
  );
  write(
    'src/redis.ts',
    `import { Cluster, Redis } from 'ioredis';

export const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { commandTimeout: 1_000, maxRetriesPerRequest: 2 });
redis.on('error', (error) => console.error('redis', error));

export const cluster = new Cluster([{ host: '127.0.0.1', port: 7000 }], { redisOptions: { commandTimeout: 1_000 } });
cluster.on('error', (error) => console.error('cluster', error));
`,
  );
  const groups = Math.max(1, Math.floor(count / 4));
  for (let group = 0; group < groups; group++) {
    const entity = `entity${group}`;
    const Entity = `Entity${group}`;
    const other = `entity${(group + 1) % groups}`;
    write(
      `src/keys/${entity}-keys.ts`,
      `export function ${entity}Key(id: string): string {
  return \`${entity}:\${id}\`;
}

export function ${entity}IndexKey(owner: string): string {
  return \`${entity}:index:\${owner}\`;
}

export function ${entity}TaggedKey(id: string, part: 'profile' | 'stats'): string {
  return \`{${entity}:\${id}}:\${part}\`;
}
`,
    );
    write(
      `src/models/${entity}.ts`,
      `export interface ${Entity} {
  id: string;
  owner: string;
  name: string;
  score: number;
  tags: string[];
  createdAt: Date;
}

export type ${Entity}Patch = Partial<Omit<${Entity}, 'id' | 'createdAt'>>;

export function parse${Entity}(fields: Record<string, string>): ${Entity} | undefined {
  if (!fields.id || !fields.owner) return undefined;
  return {
    id: fields.id,
    owner: fields.owner,
    name: fields.name ?? '',
    score: Number(fields.score ?? 0),
    tags: (fields.tags ?? '').split(',').filter((tag) => tag.length > 0),
    createdAt: new Date(Number(fields.createdAt ?? 0)),
  };
}

export function serialize${Entity}(value: ${Entity}): Record<string, string> {
  return { id: value.id, owner: value.owner, name: value.name, score: String(value.score), tags: value.tags.join(','), createdAt: String(value.createdAt.getTime()) };
}
`,
    );
    write(
      `src/repositories/${entity}-repository.ts`,
      `import { cluster, redis } from '../redis.js';
import { ${entity}IndexKey, ${entity}Key, ${entity}TaggedKey } from '../keys/${entity}-keys.js';
import { ${other}Key } from '../keys/${other}-keys.js';
import { parse${Entity}, serialize${Entity}, type ${Entity}, type ${Entity}Patch } from '../models/${entity}.js';

const TTL_SECONDS = 3_600;

export async function load${Entity}(id: string): Promise<${Entity} | undefined> {
  const fields = await redis.hgetall(${entity}Key(id));
  return parse${Entity}(fields);
}

export async function save${Entity}(value: ${Entity}): Promise<void> {
  await redis.multi().hset(${entity}Key(value.id), serialize${Entity}(value)).expire(${entity}Key(value.id), TTL_SECONDS).sadd(${entity}IndexKey(value.owner), value.id).exec();
}

export async function patch${Entity}(id: string, patch: ${Entity}Patch): Promise<${Entity} | undefined> {
  const current = await load${Entity}(id);
  if (!current) return undefined;
  const next: ${Entity} = { ...current, ...patch };
  await save${Entity}(next);
  return next;
}

export async function list${Entity}Ids(owner: string): Promise<string[]> {
  return redis.smembers(${entity}IndexKey(owner));
}

export async function cache${Entity}Name(id: string, name: string): Promise<void> {
  await redis.set(\`${entity}:name:\${id}\`, name, 'EX', TTL_SECONDS);
}

export async function touch${Entity}(id: string): Promise<number> {
  return redis.incr(\`${entity}:views:\${id}\`);
}

export async function profileAndStats(id: string): Promise<Array<string | null>> {
  return cluster.mget(${entity}TaggedKey(id, 'profile'), ${entity}TaggedKey(id, 'stats'));
}

export async function withNeighbour(id: string): Promise<Array<string | null>> {
  return cluster.mget(${entity}Key(id), ${other}Key(id));
}
`,
    );
    write(
      `src/routes/${entity}-routes.ts`,
      `import { Router, type Request, type Response } from 'express';
import { list${Entity}Ids, load${Entity}, patch${Entity}, profileAndStats, touch${Entity} } from '../repositories/${entity}-repository.js';
import { summarize${Entity} } from '../services/${entity}-service.js';

export const ${entity}Router = Router();

${entity}Router.get('/${entity}/:id', async (req: Request, res: Response) => {
  const found = await load${Entity}(req.params.id ?? '');
  if (!found) return res.status(404).send();
  await touch${Entity}(found.id);
  return res.json(found);
});

${entity}Router.get('/${entity}/:id/summary', async (req: Request, res: Response) => {
  res.json(await summarize${Entity}(req.params.id ?? ''));
});

${entity}Router.post('/${entity}/:id', async (req: Request, res: Response) => {
  const body = req.body as { name?: string; score?: number };
  const updated = await patch${Entity}(req.params.id ?? '', { name: body.name, score: body.score });
  res.status(updated ? 200 : 404).json(updated ?? null);
});

${entity}Router.get('/owners/:owner/${entity}', async (req: Request, res: Response) => {
  const ids = await list${Entity}Ids(req.params.owner ?? '');
  const values = [];
  for (const id of ids) values.push(await load${Entity}(id));
  res.json({ values, extra: await profileAndStats(ids[0] ?? '') });
});
`,
    );
    write(
      `src/services/${entity}-service.ts`,
      `import { Redis } from 'ioredis';
import { redis } from '../redis.js';
import { list${Entity}Ids, load${Entity} } from '../repositories/${entity}-repository.js';
import type { ${Entity} } from '../models/${entity}.js';

export interface ${Entity}Summary {
  count: number;
  best: ${Entity} | undefined;
  averageScore: number;
  tags: Map<string, number>;
}

export async function summarize${Entity}(owner: string): Promise<${Entity}Summary> {
  const ids = await list${Entity}Ids(owner);
  const values = (await Promise.all(ids.map((id) => load${Entity}(id)))).filter((value): value is ${Entity} => value !== undefined);
  const tags = new Map<string, number>();
  for (const value of values) for (const tag of value.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
  const best = values.reduce<${Entity} | undefined>((top, value) => (!top || value.score > top.score ? value : top), undefined);
  const averageScore = values.length === 0 ? 0 : values.reduce((sum, value) => sum + value.score, 0) / values.length;
  return { count: values.length, best, averageScore, tags };
}

const reports = new Redis({ commandTimeout: 2_000 });
reports.on('error', (error) => console.error('reports', error));

export async function purge${Entity}Cache(): Promise<number> {
  const keys = await reports.keys('${entity}:name:*');
  return keys.length === 0 ? 0 : redis.del(...keys);
}

export async function leaderboard${Entity}(): Promise<string[]> {
  await reports.zadd('${entity}:leaderboard', Date.now(), 'bench');
  return reports.zrange('${entity}:leaderboard', 0, -1);
}
`,
    );
  }
  return dir;
}

function parsedArgs() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        runs: { type: 'string', default: '5' },
        files: { type: 'string', default: '400' },
        keep: { type: 'boolean', default: false },
        only: { type: 'string' },
        open: { type: 'string' },
        child: { type: 'string' },
      },
    });
  } catch (error) {
    console.error(`bench: ${error.message.split('.')[0]}.\nUsage: npm run bench [-- <path>] [--runs 5] [--files 400] [--keep] [--only untyped,typed,eslint,lsp,open,cache] [--open <file>]`);
    process.exit(2);
  }
}
