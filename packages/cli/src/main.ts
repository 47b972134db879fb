import fs from 'node:fs';
import path from 'node:path';
import { parseCliArgs, type CliArgs } from './args.js';
import { readBaseline, writeBaseline } from './baseline.js';
import { loadConfig } from './config-file.js';
import { defaultCacheDir } from './default-cache-dir.js';
import { discoverFilesCached } from './discovery-cache.js';
import { HELP } from './help.js';
import type { KeyspaceRequest } from './keyspace/live-keyspace.js';
import { totalsOf, type LintReport } from './lint-report.js';
import { VERSION } from './package-info.js';
import { createProgress, type ProgressStream } from './progress.js';
import { reporters } from './reporters/index.js';
import { run } from './run.js';
import { UsageError } from './usage-error.js';

export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: ProgressStream;
  stderr: ProgressStream;
}

/** The whole CLI: arguments in, exit code out (0 clean, 1 findings, 2 usage or internal error). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await lint(parseCliArgs(argv), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`redis-lint: ${error.message}\nRun "redis-lint --help" for usage.\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`redis-lint: internal error: ${message}\n${io.env.DEBUG && error instanceof Error ? `${error.stack}\n` : ''}`);
    return 2;
  }
}

async function lint(args: CliArgs, io: CliIo): Promise<number> {
  if (args.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (args.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  for (const output of args.outputs) {
    if (!Object.hasOwn(reporters, output.format)) throw new UsageError(`Unknown format "${output.format}". Formats: ${Object.keys(reporters).join(', ')}.`);
  }
  const keyspaceRequest = keyspaceRequestOf(args, io.env);
  if (args.sort === 'impact' && !keyspaceRequest) throw new UsageError('--sort impact ranks findings by live keyspace facts: give --redis-url (or REDIS_LINT_REDIS_URL).');
  // Loaded only with a URL: the Redis client is no part of an ordinary run's start-up.
  const keyspace = keyspaceRequest ? await import('./keyspace/live-keyspace.js') : undefined;
  const keyspaceTarget = keyspace && keyspaceRequest ? keyspace.keyspaceTarget(keyspaceRequest) : undefined;
  const cwd = io.cwd;
  const paths = args.staged ? undefined : args.paths.length > 0 ? args.paths : ['.'];
  const firstPath = path.resolve(cwd, paths?.[0] ?? '.');
  const configStart = fs.existsSync(firstPath) && fs.statSync(firstPath).isDirectory() ? firstPath : path.dirname(firstPath);
  const loaded = loadConfig(args.config, configStart, cwd);
  const baseline = args.baseline !== undefined && !args.updateBaseline ? readBaseline(path.resolve(cwd, args.baseline)) : undefined;
  const cacheLocation = args.cache ? (args.cacheLocation !== undefined ? path.resolve(cwd, args.cacheLocation) : defaultCacheDir(cwd)) : undefined;
  // `--staged` only: loading node:child_process is a good part of a cached run's start-up.
  const discovery = !paths ? { files: (await import('./staged.js')).stagedFiles(cwd), problems: [] } : cacheLocation ? await discoverFilesCached(paths, cwd, cacheLocation) : (await import('./files.js')).discoverFiles(paths, cwd);
  const progress = createProgress(io.stderr, !args.quiet);
  const { report, baselineEntries } = await run({
    root: repositoryRoot(cwd),
    cwd,
    files: discovery.files,
    problems: discovery.problems,
    config: loaded.config,
    configFile: loaded.file,
    typeCheck: args.typeCheck,
    fix: args.fix,
    baseline,
    reportUnusedDisableDirectives: args.reportUnusedDisableDirectives,
    onProgress: (done, total) => progress.update(done, total),
    cacheLocation,
  });
  progress.finish();

  if (args.updateBaseline) {
    const file = path.resolve(cwd, args.baseline!);
    writeBaseline(file, baselineEntries);
    io.stderr.write(`redis-lint: baseline ${path.relative(cwd, file) || file} written with ${baselineEntries.length} finding${baselineEntries.length === 1 ? '' : 's'}.\n`);
    return 0;
  }

  const totals = totalsOf(report);
  const shown = args.quiet ? errorsOnly(report) : report;
  if (keyspace && keyspaceTarget && keyspaceRequest) {
    if (io.stderr.isTTY && !args.quiet) io.stderr.write(`Sampling the keyspace of ${keyspaceTarget.display}…\n`);
    await keyspace.addKeyspaceFacts(shown, keyspaceTarget, keyspaceRequest);
    for (const warning of shown.keyspace?.summary?.warnings ?? []) io.stderr.write(`redis-lint: keyspace: warning: ${warning}\n`);
    if (shown.keyspace?.error) io.stderr.write(`redis-lint: keyspace: ${shown.keyspace.error}\n`);
  }
  if (args.sort === 'impact') (await import('./keyspace/sort-by-impact.js')).sortByImpact(shown);
  for (const output of args.outputs) {
    const toTerminal = output.file === undefined && io.stdout.isTTY === true;
    const text = reporters[output.format]!(shown, { color: toTerminal && !io.env.NO_COLOR && io.env.TERM !== 'dumb' });
    if (output.file === undefined) io.stdout.write(text);
    else {
      const file = path.resolve(cwd, output.file);
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      } catch (error) {
        throw new UsageError(`Cannot write ${output.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
      }
    }
  }
  // The static findings are printed above; a keyspace that could not be sampled is still a failure of the run.
  if (shown.keyspace?.error) return 2;
  if (args.exitZero) return 0;
  const unanalyzed = report.problems.some((problem) => problem.level === 'error');
  const tooManyWarnings = args.maxWarnings !== undefined && totals.warnings > args.maxWarnings;
  return totals.errors > 0 || tooManyWarnings || unanalyzed ? 1 : 0;
}

/** `--redis-url`, or `REDIS_LINT_REDIS_URL` from the environment. */
function keyspaceRequestOf(args: CliArgs, env: CliIo['env']): KeyspaceRequest | undefined {
  const url = args.redisUrl ?? (env.REDIS_LINT_REDIS_URL || undefined);
  if (url === undefined) return undefined;
  return { url, env, cluster: args.redisCluster, budgetMs: args.redisBudgetMs, maxKeysPerPattern: args.redisMaxKeys };
}

/** `--quiet`: warnings are counted for `--max-warnings` but not shown. */
function errorsOnly(report: LintReport): LintReport {
  return {
    ...report,
    files: report.files.map((file) => ({ ...file, findings: file.findings.filter((finding) => finding.severity === 'error') })),
    problems: report.problems.filter((problem) => problem.level === 'error'),
  };
}

/** SARIF and baseline paths are relative to the git work tree (what GitHub expects), or to the working directory. */
function repositoryRoot(cwd: string): string {
  let dir = path.resolve(cwd);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(cwd);
    dir = parent;
  }
}
