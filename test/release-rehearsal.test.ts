// A release rehearsal, as typescript-eslint's integration tests do: every package is published to a
// local registry, then a fresh project outside the repository installs them and runs what a user runs.
// It catches a file missing from `files`, a wrong `bin`, a dependency left in devDependencies.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findVerdaccio, startLocalRegistry, type LocalRegistry } from '../test-support/local-registry.js';
import { lspSessionOverStdio } from '../test-support/lsp-stdio-session.js';
import { copyRepository, REPOSITORY_ROOT } from '../test-support/repository-copy.js';

const verdaccio = findVerdaccio();
const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const preCommitFound = preCommit.status === 0;
if ('missing' in verdaccio) console.warn(`release-rehearsal.test.ts: SKIPPED — ${verdaccio.missing}; CI=true makes it required.`);
if (!preCommitFound && process.env.CI !== 'true') console.warn('release-rehearsal.test.ts: the pre-commit hook SKIPPED — `pre-commit` is not on PATH (install the Debian package pre-commit); CI=true makes it required.');

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
}
const manifestOf = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, dir, 'package.json'), 'utf8')) as Manifest;
const published = (JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces.filter((dir) => manifestOf(dir).private !== true);
/** The versions this repository is tested with, so the rehearsal installs the same. */
const installedVersion = (name: string): string => (JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as Manifest).version;

const APP_FILES: Record<string, string> = {
  'src/redis.ts': "import { Redis } from 'ioredis';\n\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');\n",
  // Only a program knows that `redis` is a client: it comes from another file.
  'src/sessions.ts': "import { redis } from './redis.js';\n\nexport async function sessionKeys(): Promise<string[]> {\n  return redis.keys('session:*');\n}\n",
  'tsconfig.json': `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['src'] })}\n`,
  'eslint.config.js': [
    "import tseslint from 'typescript-eslint';",
    "import redisLint from '@redis-lint/eslint-plugin';",
    '',
    'export default [',
    "  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },",
    '  redisLint.configs.recommended,',
    '];',
    '',
  ].join('\n'),
  'eslint.untyped.config.js': [
    "import tseslint from 'typescript-eslint';",
    "import redisLint from '@redis-lint/eslint-plugin';",
    '',
    "export default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, redisLint.configs.recommended];",
    '',
  ].join('\n'),
  'eslint.alone.config.js': [
    "import tseslint from 'typescript-eslint';",
    "import redisLint from '@redis-lint/eslint-plugin';",
    '',
    "export default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, redisLint.configs.recommended, { settings: { 'redis-lint': { projects: false } } }];",
    '',
  ].join('\n'),
};
const TIMEOUTS = 'src/redis.ts:3:22 require-timeouts';
const KEYS = 'src/sessions.ts:4:16 no-keys-command';

let work: string;
let app: string;
let registry: LocalRegistry | undefined;
let env: NodeJS.ProcessEnv;
let hook: { done: Promise<{ status: number | null; output: string }>; stop(): void } | undefined;

/**
 * `pre-commit try-repo` of this repository on a project that holds only its sources (as a commit
 * hook sees it), started in the background: its install of the hook takes longest.
 */
function startPreCommit(): NonNullable<typeof hook> {
  const project = path.join(work, 'hooked');
  for (const file of ['src/redis.ts', 'src/sessions.ts', 'tsconfig.json']) {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), APP_FILES[file]!);
  }
  const git = { GIT_AUTHOR_NAME: 'rehearsal', GIT_AUTHOR_EMAIL: 'rehearsal@example.com', GIT_COMMITTER_NAME: 'rehearsal', GIT_COMMITTER_EMAIL: 'rehearsal@example.com' };
  const hookEnv = { ...env, ...git, PRE_COMMIT_HOME: path.join(work, 'pre-commit') };
  execFileSync('git', ['init', '-q'], { cwd: project, env: hookEnv });
  execFileSync('git', ['add', '.'], { cwd: project, env: hookEnv });
  // Output to a file: the test's own synchronous runs would leave a pipe undrained meanwhile.
  const log = path.join(work, 'pre-commit.log');
  const fd = fs.openSync(log, 'w');
  const child = spawn('pre-commit', ['try-repo', REPOSITORY_ROOT, 'redis-lint', '--files', 'src/redis.ts', 'src/sessions.ts'], { cwd: project, env: hookEnv, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const killer = setTimeout(() => child.kill('SIGKILL'), 540_000);
  const done = new Promise<{ status: number | null; output: string }>((resolve) =>
    child.once('exit', (status) => {
      clearTimeout(killer);
      resolve({ status, output: fs.readFileSync(log, 'utf8') });
    }),
  );
  return { done, stop: () => child.kill('SIGKILL') };
}

function run(command: string, args: readonly string[], cwd: string, timeout = 120_000): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf('missing' in verdaccio)(`the packages published to a local registry (Verdaccio ${'version' in verdaccio ? verdaccio.version : 'missing'}) and installed in a new project`, () => {
  beforeAll(async () => {
    work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-rehearsal-')));
    registry = await startLocalRegistry(work, published.map((dir) => manifestOf(dir).name), 900_000);
    // npm reads only the rehearsal's npmrc: the registry, and the token to publish.
    env = { ...process.env, npm_config_userconfig: registry.npmrc, npm_config_registry: registry.url, npm_config_update_notifier: 'false', NO_COLOR: '1' };
    // From a copy: `prepack` writes into the package folder, which other tests read meanwhile.
    const release = copyRepository('redis-lint-release-');
    try {
      for (const dir of published) {
        const publish = run('npm', ['publish', '--access', 'public'], path.join(release, dir));
        if (publish.status !== 0) throw new Error(`npm publish in ${dir} failed:\n${publish.stderr}`);
      }
    } finally {
      fs.rmSync(release, { recursive: true, force: true });
    }
    if (preCommitFound) hook = startPreCommit();
    app = path.join(work, 'app');
    for (const [file, text] of Object.entries(APP_FILES)) {
      fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
      fs.writeFileSync(path.join(app, file), text);
    }
    const version = manifestOf('packages/cli').version;
    const manifest = {
      name: 'rehearsal-app',
      private: true,
      type: 'module',
      dependencies: { ioredis: installedVersion('ioredis') },
      devDependencies: {
        '@redis-lint/eslint-plugin': version,
        '@redis-lint/language-server': version,
        '@types/node': installedVersion('@types/node'),
        eslint: installedVersion('eslint'),
        eslint9: `npm:eslint@${installedVersion('eslint9')}`,
        'redis-lint': version,
        typescript: installedVersion('typescript'),
        'typescript-eslint': installedVersion('typescript-eslint'),
      },
    };
    fs.writeFileSync(path.join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const install = run('npm', ['install', '--no-audit', '--no-fund'], app, 240_000);
    if (install.status !== 0) throw new Error(`npm install of the published packages failed:\n${install.stderr}`);
  }, 400_000);

  afterAll(async () => {
    hook?.stop();
    await hook?.done;
    await registry?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('publishes every public workspace package', () => {
    expect(published).toEqual(['packages/analyzer', 'packages/keyspace', 'packages/cli', 'packages/eslint-plugin', 'packages/language-server']);
  });

  it('npx redis-lint reports the app, typed by default and untyped when asked', { timeout: 120_000 }, () => {
    const findings = (args: string[]): [number | null, string[]] => {
      const result = run('npx', ['--no-install', 'redis-lint', ...args, '--format', 'json'], app);
      const report = JSON.parse(result.stdout) as { files: Array<{ file: string; findings: Array<{ ruleId: string; line: number; column: number }> }> };
      return [result.status, report.files.flatMap((file) => file.findings.map((finding) => `${file.file}:${finding.line}:${finding.column} ${finding.ruleId}`))];
    };
    expect([findings([]), findings(['--no-type-check'])]).toEqual([
      [1, [TIMEOUTS, KEYS]],
      [1, [TIMEOUTS]],
    ]);
  });

  for (const eslint of ['eslint', 'eslint9']) {
    it(`${eslint} with the plugin's recommended flat config reports the same, typed through projectService or the engine's project model, and file by file with projects: false`, { timeout: 120_000 }, () => {
      const findings = (config: string): [number | null, string, string[]] => {
        const result = run(process.execPath, [path.join(app, 'node_modules', eslint, 'bin', 'eslint.js'), '--config', config, '--format', 'json', 'src'], app);
        const results = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; column: number }> }>;
        return [result.status, result.stderr, results.flatMap((file) => file.messages.map((message) => `${path.relative(app, file.filePath)}:${message.line}:${message.column} ${message.ruleId}`))];
      };
      const both = [TIMEOUTS.replace(' ', ' @redis-lint/'), KEYS.replace(' ', ' @redis-lint/')];
      expect([run(process.execPath, [path.join(app, 'node_modules', eslint, 'bin', 'eslint.js'), '--version'], app).stdout, findings('eslint.config.js'), findings('eslint.untyped.config.js'), findings('eslint.alone.config.js')]).toEqual([
        `v${installedVersion(eslint)}\n`,
        [1, '', both],
        [1, '', both],
        [1, '', [TIMEOUTS.replace(' ', ' @redis-lint/')]],
      ]);
    });
  }

  it('the redis-lint-language-server bin answers initialize and publishes the typed diagnostics of an opened file', { timeout: 120_000 }, async () => {
    const session = await lspSessionOverStdio(path.join(app, 'node_modules', '.bin', 'redis-lint-language-server'), [], { cwd: app, rootPath: app, open: path.join(app, 'src', 'sessions.ts') });
    expect([session.initialized.serverInfo, session.diagnostics?.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line + 1, diagnostic.range.start.character + 1]), session.exitCode]).toEqual([
      { name: 'redis-lint' },
      [['no-keys-command', 4, 16]],
      0,
    ]);
  });

  it.skipIf(!preCommitFound && process.env.CI !== 'true')(`the pre-commit hook, through pre-commit try-repo (${preCommitFound ? preCommit.stdout.trim() : 'pre-commit missing'})`, { timeout: 600_000 }, async () => {
    expect(preCommitFound, '`pre-commit` must be installed when CI=true').toBe(true);
    const result = await hook!.done;
    const hookOutput = result.output.slice(result.output.indexOf('redis-lint....'));
    expect([result.status, hookOutput], result.output).toEqual([
      1,
      [
        'redis-lint...............................................................Failed',
        '- hook id: redis-lint',
        '- exit code: 1',
        '',
        'src/redis.ts',
        '  3:22  error  This ioredis client has no commandTimeout (ioredis sets none by default), so a command waits forever on a stalled connection; set commandTimeout in milliseconds.  require-timeouts',
        '',
        'src/sessions.ts',
        '  4:16  error  KEYS scans every key in the database and blocks Redis until it finishes; iterate with SCAN (scanStream({ match })) instead.  no-keys-command',
        '',
        '✖ 2 problems (2 errors, 0 warnings) in 2 files.',
        '',
        '',
      ].join('\n'),
    ]);
  });
});
