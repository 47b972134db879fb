import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/** One requested report: a reporter name and where its text goes (stdout when `file` is undefined). */
export interface OutputRequest {
  format: string;
  file: string | undefined;
}

export interface CliArgs {
  paths: string[];
  config: string | undefined;
  outputs: OutputRequest[];
  fix: boolean;
  maxWarnings: number | undefined;
  baseline: string | undefined;
  updateBaseline: boolean;
  quiet: boolean;
  staged: boolean;
  typeCheck: boolean;
  exitZero: boolean;
  reportUnusedDisableDirectives: boolean;
  /** `--cache`: skip files whose findings cannot have changed since the last run. */
  cache: boolean;
  /** `--cache-location`: the cache directory (implies `--cache`). */
  cacheLocation: string | undefined;
  /** `--redis-url`: sample this live Redis for keyspace facts (else `REDIS_LINT_REDIS_URL`). */
  redisUrl: string | undefined;
  /** `--redis-cluster`: walk every master even if the server does not say it is a cluster node. */
  redisCluster: boolean;
  /** `--redis-budget <ms>`: how long the sampling may take. */
  redisBudgetMs: number | undefined;
  /** `--redis-max-keys <n>`: keys probed per key pattern at most. */
  redisMaxKeys: number | undefined;
  /** `--sort impact`: findings with the largest measured impact first. */
  sort: 'location' | 'impact';
  help: boolean;
  version: boolean;
}

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f', multiple: true },
  'output-file': { type: 'string', short: 'o', multiple: true },
  fix: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  staged: { type: 'boolean' },
  'type-check': { type: 'boolean' },
  'no-type-check': { type: 'boolean' },
  'exit-zero': { type: 'boolean' },
  'report-unused-disable-directives': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'redis-url': { type: 'string' },
  'redis-cluster': { type: 'boolean' },
  'redis-budget': { type: 'string' },
  'redis-max-keys': { type: 'string' },
  sort: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Parses the command line strictly: an unknown flag or a missing value is a `UsageError` (exit 2). */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parseWithTokens>;
  try {
    parsed = parseWithTokens(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '.') : String(error));
  }
  const { values, positionals, tokens } = parsed;
  const maxWarnings = integerFlag('max-warnings', values['max-warnings'], 0);
  const sort = values.sort ?? 'location';
  if (sort !== 'location' && sort !== 'impact') throw new UsageError(`--sort expects "location" or "impact", got "${sort}".`);
  if (values['type-check'] && values['no-type-check']) throw new UsageError('--type-check and --no-type-check cannot be used together.');
  if (values['update-baseline'] && values.baseline === undefined) throw new UsageError('--update-baseline needs --baseline <file> to know where to write.');
  if (values.staged && positionals.length > 0) throw new UsageError('--staged analyzes the files staged in git; do not pass paths with it.');
  return {
    paths: positionals,
    config: values.config,
    outputs: pairOutputs(tokens),
    fix: values.fix === true,
    maxWarnings,
    baseline: values.baseline,
    updateBaseline: values['update-baseline'] === true,
    quiet: values.quiet === true,
    staged: values.staged === true,
    typeCheck: values['no-type-check'] !== true,
    exitZero: values['exit-zero'] === true,
    reportUnusedDisableDirectives: values['report-unused-disable-directives'] === true,
    cache: values.cache === true || values['cache-location'] !== undefined,
    cacheLocation: values['cache-location'],
    redisUrl: values['redis-url'],
    redisCluster: values['redis-cluster'] === true,
    redisBudgetMs: integerFlag('redis-budget', values['redis-budget'], 0),
    redisMaxKeys: integerFlag('redis-max-keys', values['redis-max-keys'], 1),
    sort,
    help: values.help === true,
    version: values.version === true,
  };
}

function integerFlag(name: string, text: string | undefined, minimum: 0 | 1): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < minimum) throw new UsageError(`--${name} expects a ${minimum === 0 ? 'non-negative' : 'positive'} integer, got "${text}".`);
  return Number.parseInt(text, 10);
}

function parseWithTokens(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
}

type Token = ReturnType<typeof parseWithTokens>['tokens'][number];

/**
 * `--format sarif --output-file a.sarif --format stylish`: an `--output-file` belongs to the
 * `--format` before it; one given before any `--format` writes the default `stylish` report.
 */
function pairOutputs(tokens: readonly Token[]): OutputRequest[] {
  const outputs: OutputRequest[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'format') {
      outputs.push({ format: token.value ?? '', file: undefined });
    } else if (token.name === 'output-file') {
      const last = outputs.at(-1);
      if (last && last.file === undefined) last.file = token.value;
      else if (outputs.length === 0) outputs.push({ format: 'stylish', file: token.value });
      else throw new UsageError(`--output-file ${token.value ?? ''} has no --format before it that is still without a file.`);
    }
  }
  if (outputs.length === 0) outputs.push({ format: 'stylish', file: undefined });
  return outputs;
}
