import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempProject } from './cli-process.js';
import { CROSS_FILE_PROJECT, findingLines, type JsonReport } from './cross-file-project.js';

interface StoredEntry {
  file: string;
  key: string;
  findings: Array<Record<string, unknown>>;
  typed: boolean;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function project(extra: Record<string, string> = {}): { dir: string; cache: string; lint: (...args: string[]) => string[] } {
  const dir = tempProject({ ...CROSS_FILE_PROJECT, ...extra });
  dirs.push(dir);
  const cache = path.join(dir, '.cache-dir');
  const lint = (...args: string[]): string[] => {
    const paths = args.filter((arg) => arg.startsWith('src'));
    const result = runCli([...(paths.length > 0 ? paths : ['src']), '--cache-location', cache, '--format', 'json', ...args.filter((arg) => !arg.startsWith('src'))], dir);
    expect(result.stderr).toBe('');
    return findingLines(JSON.parse(result.stdout) as JsonReport);
  };
  return { dir, cache, lint };
}

function entries(cache: string): Array<{ path: string; entry: StoredEntry }> {
  const root = path.join(cache, 'files');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(root, name))
    .map((file) => ({ path: file, entry: JSON.parse(fs.readFileSync(file, 'utf8')) as StoredEntry }));
}

/** Rewrites the stored findings of `file` to one made-up finding on line 1, which only a cache hit can report. */
function plant(cache: string, file: string): void {
  const found = entries(cache).find(({ entry }) => entry.file === file);
  expect(found?.entry.file).toBe(file);
  const planted = { ruleId: 'no-keys-command', messageId: 'keysCommand', message: 'planted in the cache', severity: 'error', file, start: 0, end: 6 };
  fs.writeFileSync(found!.path, JSON.stringify({ ...found!.entry, findings: [planted] }));
  // The pack of the last run holds the same entry (read first, as one file).
  const packs = path.join(cache, 'packs');
  for (const name of fs.existsSync(packs) ? fs.readdirSync(packs) : []) {
    const pack = JSON.parse(fs.readFileSync(path.join(packs, name), 'utf8')) as Record<string, StoredEntry>;
    if (pack[file]) fs.writeFileSync(path.join(packs, name), JSON.stringify({ ...pack, [file]: { ...pack[file], findings: [planted] } }));
  }
}

const EXPECTED = ['src/app.ts:5 no-crossslot', 'src/repo.ts:4 no-unbounded-reads'];

describe('--cache in typed mode', () => {
  it('stores one entry per analyzed file and serves unchanged files from it', () => {
    const { dir, cache, lint } = project();
    expect(lint()).toEqual(EXPECTED);
    expect(
      entries(cache)
        .map(({ entry }) => `${path.relative(dir, entry.file)} ${entry.typed}`)
        .sort(),
    ).toEqual(['src/app.ts true', 'src/keys.ts true', 'src/redis.ts true', 'src/repo.ts true', 'src/routes.ts true']);
    plant(cache, path.join(dir, 'src/keys.ts'));
    expect(lint()).toEqual(['src/app.ts:5 no-crossslot', 'src/keys.ts:1 no-keys-command', 'src/repo.ts:4 no-unbounded-reads']);
  });

  it('re-analyzes a file when a file that imports it changes (a handler stops calling it), and keeps unrelated files cached', () => {
    const { dir, cache, lint } = project();
    expect(lint()).toEqual(EXPECTED);
    plant(cache, path.join(dir, 'src/keys.ts'));
    fs.writeFileSync(path.join(dir, 'src/routes.ts'), "import { loadUser } from './repo.js';\n\nexport const unused = loadUser;\n");
    expect(lint()).toEqual(['src/app.ts:5 no-crossslot', 'src/keys.ts:1 no-keys-command']);
  });

  it('re-analyzes the files that depend on a changed file', () => {
    const { dir, cache, lint } = project();
    expect(lint()).toEqual(EXPECTED);
    plant(cache, path.join(dir, 'src/app.ts'));
    fs.appendFileSync(path.join(dir, 'src/keys.ts'), '// a comment changes the hash\n');
    expect(lint()).toEqual(EXPECTED);
  });

  it('re-analyzes everything when the rule settings change', () => {
    const { dir, cache, lint } = project();
    expect(lint()).toEqual(EXPECTED);
    plant(cache, path.join(dir, 'src/keys.ts'));
    fs.writeFileSync(path.join(dir, 'redis-lint.config.json'), JSON.stringify({ rules: { 'no-unbounded-reads': 'off' } }));
    expect(lint()).toEqual(['src/app.ts:5 no-crossslot']);
  });
});

/**
 * Files and folders written a moment ago are "racily clean": the cache checks them by content,
 * never by modification time. Tests of the time-based checks age the project first.
 */
function age(dir: string, seconds = 3600): void {
  const then = new Date(Date.now() - seconds * 1000);
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) fs.utimesSync(path.join(dir, entry), then, then);
  fs.utimesSync(dir, then, then);
}

/** Preloaded into the CLI's process: rewrites tsconfig.json as soon as TypeScript reads the first source file of the program. */
function editTsconfigWhileBuilding(text: string): string {
  return [
    "const fs = require('node:fs');",
    "const path = require('node:path');",
    'const readFileSync = fs.readFileSync;',
    'let edited = false;',
    'fs.readFileSync = function (file, ...rest) {',
    '  const result = readFileSync.call(this, file, ...rest);',
    "  if (!edited && typeof file === 'string' && /[\\\\/]src[\\\\/][^\\\\/]+\\.ts$/.test(file)) {",
    '    edited = true;',
    `    fs.writeFileSync(path.join(process.cwd(), 'tsconfig.json'), ${JSON.stringify(text)});`,
    '  }',
    '  return result;',
    '};',
    '',
  ].join('\n');
}

/** Preloaded into the CLI's process: says on stderr which source files (`src/*.ts`) it read. */
const READ_PROBE = [
  "const fs = require('node:fs');",
  'const readFileSync = fs.readFileSync;',
  'fs.readFileSync = function (file, ...rest) {',
  "  if (typeof file === 'string' && /[\\\\/]src[\\\\/][^\\\\/]+\\.ts$/.test(file)) process.stderr.write(`read ${require('node:path').basename(file)}\\n`);",
  '  return readFileSync.call(this, file, ...rest);',
  '};',
  '',
].join('\n');

/** Preloaded into the CLI's process: says on stderr whether TypeScript was loaded. */
const TYPESCRIPT_PROBE = [
  "process.on('exit', () => {",
  "  if (Object.keys(require.cache).some((file) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(file))) process.stderr.write('typescript loaded');",
  '});',
  '',
].join('\n');

describe('--cache: a run in which nothing changed', () => {
  for (const mode of ['typed', 'untyped']) {
    it(`loads neither TypeScript nor the engine and reports exactly what the first run did (${mode})`, () => {
      const { dir, cache } = project({ 'probe.cjs': TYPESCRIPT_PROBE });
      age(dir);
      const args = ['src', '--cache-location', cache, '--format', 'sarif', ...(mode === 'untyped' ? ['--no-type-check'] : [])];
      const env = { NODE_OPTIONS: `--require ${path.join(dir, 'probe.cjs')}` };
      const cold = runCli(args, dir, env);
      expect(cold.stderr).toBe('typescript loaded');
      const warm = runCli(args, dir, env);
      expect(warm.stderr).toBe('');
      expect(warm.status).toBe(cold.status);
      expect(warm.stdout).toBe(cold.stdout);
      fs.appendFileSync(path.join(dir, 'src/keys.ts'), '\n');
      expect(runCli(args, dir, env).stderr).toBe('typescript loaded');
    });
  }

  for (const written of ['an hour ago', 'a moment ago']) {
    it(`builds the program again when a file appears in a directory the tsconfig includes, though no requested file changed (project written ${written})`, () => {
      const { dir, lint } = project();
      const routes = fs.readFileSync(path.join(dir, 'src/routes.ts'), 'utf8');
      fs.rmSync(path.join(dir, 'src/routes.ts'));
      if (written === 'an hour ago') age(dir);
      expect(lint('src/repo.ts')).toEqual(['src/repo.ts:4 no-unbounded-reads (callers out of sight)']);
      expect(lint('src/repo.ts')).toEqual(['src/repo.ts:4 no-unbounded-reads (callers out of sight)']);
      // A handler in a new file makes the repository function a hot path.
      fs.mkdirSync(path.join(dir, 'src/http'));
      fs.writeFileSync(path.join(dir, 'src/http/routes.ts'), routes.replace("'./repo.js'", "'../repo.js'"));
      expect(lint('src/repo.ts')).toEqual(['src/repo.ts:4 no-unbounded-reads']);
    });
  }

  it('does not build the program again for a project written a moment ago, nor after a save that renames a new file over the old one', () => {
    const { dir, cache } = project({ 'probe.cjs': TYPESCRIPT_PROBE });
    const args = ['src', '--cache-location', cache, '--format', 'json'];
    const env = { NODE_OPTIONS: `--require ${path.join(dir, 'probe.cjs')}` };
    const cold = runCli(args, dir, env);
    expect(cold.stderr).toBe('typescript loaded');
    // Every folder changed within the racy window of the first run: their names are listed again, not distrusted.
    const warm = runCli(args, dir, env);
    expect([warm.stderr, warm.stdout]).toEqual(['', cold.stdout]);
    // An editor's atomic save: the folder's time changes, its names do not.
    const file = path.join(dir, 'src/keys.ts');
    fs.writeFileSync(`${file}.tmp`, fs.readFileSync(file));
    fs.renameSync(`${file}.tmp`, file);
    const saved = runCli(args, dir, env);
    expect([saved.stderr, saved.stdout]).toEqual(['', cold.stdout]);
  });

  it('builds the program again when the tsconfig was edited while the program was being built', () => {
    const narrowed = JSON.stringify({ compilerOptions: JSON.parse(CROSS_FILE_PROJECT['tsconfig.json']!).compilerOptions, include: ['src/repo.ts', 'src/redis.ts'] });
    const { dir, lint } = project({ 'probe.cjs': editTsconfigWhileBuilding(narrowed) });
    const probe = { NODE_OPTIONS: `--require ${path.join(dir, 'probe.cjs')}` };
    // The program was built from the tsconfig as it was; the tsconfig on disk is the narrowed one by the end of the run.
    expect(findingLines(JSON.parse(runCli(['src/repo.ts', '--cache-location', path.join(dir, '.cache-dir'), '--format', 'json'], dir, probe).stdout) as JsonReport)).toEqual([
      'src/repo.ts:4 no-unbounded-reads',
    ]);
    expect(fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8')).toBe(narrowed);
    expect(lint('src/repo.ts')).toEqual(['src/repo.ts:4 no-unbounded-reads (callers out of sight)']);
  });

  it('builds the program again when a tsconfig it extends changes', () => {
    const { dir, lint } = project({
      'tsconfig.base.json': JSON.stringify({ compilerOptions: JSON.parse(CROSS_FILE_PROJECT['tsconfig.json']!).compilerOptions, include: ['src'] }),
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }),
    });
    expect(lint('src/repo.ts')).toEqual(['src/repo.ts:4 no-unbounded-reads']);
    fs.writeFileSync(path.join(dir, 'tsconfig.base.json'), JSON.stringify({ compilerOptions: JSON.parse(CROSS_FILE_PROJECT['tsconfig.json']!).compilerOptions, include: ['src/repo.ts', 'src/redis.ts'] }));
    expect(lint('src/repo.ts')).toEqual(['src/repo.ts:4 no-unbounded-reads (callers out of sight)']);
  });
});

describe('--cache: files judged unchanged by size and modification time', () => {
  it('reports from entries without reading files whose size and modification time did not change, and re-reads a changed one', () => {
    const { dir, lint } = project({ 'src/scan.ts': "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1 });\nredis.on('error', () => {});\nexport const all = () => redis.keys('*');\n" });
    age(dir);
    expect(lint('--no-type-check')).toEqual(['src/scan.ts:4 no-keys-command']);
    expect(lint('--no-type-check')).toEqual(['src/scan.ts:4 no-keys-command']);
    fs.writeFileSync(path.join(dir, 'src/keys.ts'), "import Redis from 'ioredis';\nexport const keys = (redis: Redis) => redis.keys('*');\n");
    expect(lint('--no-type-check')).toEqual(['src/keys.ts:2 no-keys-command', 'src/scan.ts:4 no-keys-command']);
  });

  it('reports the findings of an unchanged file, their positions and fingerprints, without reading it', () => {
    const { dir, cache } = project({
      'src/scan.ts': "import Redis from 'ioredis';\n\nconst redis = new Redis({ commandTimeout: 1 });\nredis.on('error', () => {});\n// redis-lint-disable-next-line no-flush\nexport const all = () => redis.keys('*');\n",
      'probe.cjs': READ_PROBE,
    });
    age(dir);
    const args = ['src', '--cache-location', cache, '--format', 'sarif', '--no-type-check', '--report-unused-disable-directives'];
    const env = { NODE_OPTIONS: `--require ${path.join(dir, 'probe.cjs')}` };
    const cold = runCli(args, dir, env);
    expect(cold.stderr).toContain('read scan.ts');
    const sarif = JSON.parse(cold.stdout) as { runs: Array<{ results: Array<{ ruleId: string; partialFingerprints: Record<string, string> }> }> };
    expect(sarif.runs[0]!.results.map((result) => result.ruleId).sort()).toEqual(['no-keys-command', 'unused-disable-directive']);
    const warm = runCli(args, dir, env);
    expect(warm.stderr).toBe('');
    expect(warm.stdout).toBe(cold.stdout);
  });

  it('reads a file again when it was written just before its entry, even if size and modification time look unchanged', () => {
    const { dir, lint } = project({ 'src/scan.ts': "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1 });\nredis.on('error', () => {});\nexport const all = () => redis.type('*');\n" });
    const file = path.join(dir, 'src/scan.ts');
    expect(lint('--no-type-check')).toEqual([]);
    const { mtime } = fs.statSync(file);
    // The same size, the same modification time: only the content tells (a coarse-timestamp file system).
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("redis.type('*')", "redis.keys('*')"));
    fs.utimesSync(file, mtime, mtime);
    expect(lint('--no-type-check')).toEqual(['src/scan.ts:4 no-keys-command']);
  });
});

describe('--cache: entries stored just after a file was written', () => {
  it('are checked by content while that is recent, then stamped anew and trusted by size and time', () => {
    const { dir, lint } = project({ 'src/scan.ts': "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1 });\nredis.on('error', () => {});\nexport const all = () => redis.type('*');\n" });
    const file = path.join(dir, 'src/scan.ts');
    expect(lint('--no-type-check')).toEqual([]);
    // An hour later (as far as the file's time tells): read once more, found unchanged, stamped anew.
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(file, hourAgo, hourAgo);
    expect(lint('--no-type-check')).toEqual([]);
    // Same size, same time, other text: only a file read again would show the change. It is not read:
    // the stamp taken on the last run is trusted, as git trusts its index.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("redis.type('*')", "redis.keys('*')"));
    fs.utimesSync(file, hourAgo, hourAgo);
    expect(lint('--no-type-check')).toEqual([]);
    // Any other time, and it is read.
    fs.utimesSync(file, new Date(hourAgo.getTime() + 1000), new Date(hourAgo.getTime() + 1000));
    expect(lint('--no-type-check')).toEqual(['src/scan.ts:4 no-keys-command']);
  });
});

describe('--cache: the files a walk finds', () => {
  it('finds a file added to a folder, and drops one a .gitignore edit ignores, though the folders were walked before', () => {
    const { dir, lint } = project({ 'src/scan.ts': "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1 });\nredis.on('error', () => {});\nexport const all = () => redis.keys('*');\n", 'src/.gitignore': 'dist/\n' });
    age(dir);
    expect(lint('--no-type-check')).toEqual(['src/scan.ts:4 no-keys-command']);
    expect(lint('--no-type-check')).toEqual(['src/scan.ts:4 no-keys-command']);
    fs.mkdirSync(path.join(dir, 'src/more'));
    fs.writeFileSync(path.join(dir, 'src/more/flush.ts'), "import Redis from 'ioredis';\nexport const keys = (redis: Redis) => redis.keys('*');\n");
    expect(lint('--no-type-check')).toEqual(['src/more/flush.ts:2 no-keys-command', 'src/scan.ts:4 no-keys-command']);
    age(dir);
    expect(lint('--no-type-check')).toEqual(['src/more/flush.ts:2 no-keys-command', 'src/scan.ts:4 no-keys-command']);
    // Editing a .gitignore does not touch its folder's modification time: its text decides.
    fs.appendFileSync(path.join(dir, 'src/.gitignore'), 'scan.ts\n');
    expect(lint('--no-type-check')).toEqual(['src/more/flush.ts:2 no-keys-command']);
  });
});

describe('--cache with files under a tsconfig that its program does not include', () => {
  it("keeps them in their package's inferred program, served from the cache when nothing changed", () => {
    const dir = tempProject({
      ...CROSS_FILE_PROJECT,
      'tools/reset.ts': "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1 });\nredis.on('error', () => {});\nexport const all = () => redis.keys('*');\n",
    });
    dirs.push(dir);
    const cache = path.join(dir, '.cache-dir');
    const lint = (): string[] => findingLines(JSON.parse(runCli(['.', '--cache-location', cache, '--format', 'json'], dir).stdout) as JsonReport);
    const expected = [...EXPECTED, 'tools/reset.ts:4 no-keys-command'];
    expect(lint()).toEqual(expected);
    expect(lint()).toEqual(expected);
    plant(cache, path.join(dir, 'tools/reset.ts'));
    expect(lint()).toEqual([...EXPECTED, 'tools/reset.ts:1 no-keys-command']);
  });
});

describe('--cache in untyped mode', () => {
  it('serves unchanged files from the cache and re-analyzes a changed one', () => {
    const { dir, cache, lint } = project({ 'src/scan.ts': "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1 });\nredis.on('error', () => {});\nexport const all = () => redis.keys('*');\n" });
    expect(lint('--no-type-check')).toEqual(['src/scan.ts:4 no-keys-command']);
    expect(entries(cache).every(({ entry }) => !entry.typed)).toBe(true);
    plant(cache, path.join(dir, 'src/keys.ts'));
    expect(lint('--no-type-check')).toEqual(['src/keys.ts:1 no-keys-command', 'src/scan.ts:4 no-keys-command']);
    fs.appendFileSync(path.join(dir, 'src/keys.ts'), '\n');
    expect(lint('--no-type-check')).toEqual(['src/scan.ts:4 no-keys-command']);
  });

  it('never stores a file that had a problem (a syntax error)', () => {
    const { dir, cache } = project({ 'src/broken.ts': "import Redis from 'ioredis';\nexport const = ;\n" });
    const result = runCli(['src', '--no-type-check', '--cache-location', cache, '--format', 'json'], dir);
    expect((JSON.parse(result.stdout) as JsonReport).problems.map((problem) => `${problem.file} ${problem.kind}`)).toEqual(['src/broken.ts syntax-error']);
    const stored = entries(cache).map(({ entry }) => path.relative(dir, entry.file));
    expect(stored.sort()).toEqual(['src/app.ts', 'src/keys.ts', 'src/redis.ts', 'src/repo.ts', 'src/routes.ts']);
  });

  it('--cache alone keeps the cache in node_modules/.cache/redis-lint', () => {
    const { dir } = project({ 'node_modules/.keep': '' });
    const result = runCli(['src', '--no-type-check', '--cache', '--format', 'json'], dir);
    expect(result.status).toBe(0);
    expect(entries(path.join(dir, 'node_modules/.cache/redis-lint')).length).toBe(5);
  });
});
