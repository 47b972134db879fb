import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/args.js';
import { UsageError } from '../src/usage-error.js';
import { REPO_ROOT, runCli } from './cli-process.js';

describe('parseCliArgs', () => {
  it('pairs each --output-file with the --format before it, in order', () => {
    const args = parseCliArgs(['--format', 'sarif', '--output-file', 'a.sarif', '--format', 'stylish', 'src']);
    expect(args.outputs).toEqual([
      { format: 'sarif', file: 'a.sarif' },
      { format: 'stylish', file: undefined },
    ]);
    expect(args.paths).toEqual(['src']);
  });

  it('defaults to stylish on stdout, typed, and an --output-file alone writes stylish', () => {
    const args = parseCliArgs([]);
    expect(args.outputs).toEqual([{ format: 'stylish', file: undefined }]);
    expect(args.typeCheck).toBe(true);
    expect(parseCliArgs(['-o', 'report.txt']).outputs).toEqual([{ format: 'stylish', file: 'report.txt' }]);
  });

  it('reads every flag', () => {
    const args = parseCliArgs([
      '--config', 'c.json', '--fix', '--max-warnings', '3', '--baseline', 'b.json', '--update-baseline', '--quiet',
      '--no-type-check', '--exit-zero', '--report-unused-disable-directives', 'a.ts', 'b.ts',
    ]);
    expect(args).toMatchObject({
      config: 'c.json', fix: true, maxWarnings: 3, baseline: 'b.json', updateBaseline: true, quiet: true,
      typeCheck: false, exitZero: true, reportUnusedDisableDirectives: true, paths: ['a.ts', 'b.ts'], staged: false,
    });
  });

  it('reads the live keyspace flags', () => {
    expect(parseCliArgs(['--redis-url', 'redis://r:6379', '--redis-cluster', '--redis-budget', '2500', '--redis-max-keys', '50', '--sort', 'impact'])).toMatchObject({
      redisUrl: 'redis://r:6379', redisCluster: true, redisBudgetMs: 2500, redisMaxKeys: 50, sort: 'impact',
    });
    expect(parseCliArgs([])).toMatchObject({ redisUrl: undefined, redisCluster: false, redisBudgetMs: undefined, redisMaxKeys: undefined, sort: 'location' });
    expect(() => parseCliArgs(['--redis-max-keys', '0'])).toThrow('--redis-max-keys expects a positive integer, got "0".');
    expect(() => parseCliArgs(['--redis-budget', '1.5'])).toThrow('--redis-budget expects a non-negative integer, got "1.5".');
    expect(() => parseCliArgs(['--sort', 'size'])).toThrow('--sort expects "location" or "impact", got "size".');
  });

  it('rejects unknown flags, bad numbers and contradictory flags with a UsageError', () => {
    expect(() => parseCliArgs(['--frmat', 'json'])).toThrow(new UsageError("Unknown option '--frmat'."));
    expect(() => parseCliArgs(['--max-warnings', 'many'])).toThrow('--max-warnings expects a non-negative integer, got "many".');
    expect(() => parseCliArgs(['--type-check', '--no-type-check'])).toThrow('--type-check and --no-type-check cannot be used together.');
    expect(() => parseCliArgs(['--update-baseline'])).toThrow('--update-baseline needs --baseline <file> to know where to write.');
    expect(() => parseCliArgs(['--staged', 'src'])).toThrow('--staged analyzes the files staged in git; do not pass paths with it.');
    expect(() => parseCliArgs(['--format', 'json', '-o', 'a', '-o', 'b'])).toThrow('--output-file b has no --format before it that is still without a file.');
  });
});

describe('redis-lint --help and usage errors', () => {
  it('prints help with examples and exits 0', () => {
    const result = runCli(['--help'], REPO_ROOT);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: redis-lint [options] [paths...]');
    expect(result.stdout).toContain('Examples:\n  redis-lint ');
    for (const flag of ['--config', '--format', '--output-file', '--fix', '--max-warnings', '--baseline', '--update-baseline', '--quiet', '--staged', '--no-type-check', '--exit-zero', '--report-unused-disable-directives', '--redis-url', '--redis-cluster', '--redis-budget', '--redis-max-keys', '--sort impact']) {
      expect(result.stdout).toContain(flag);
    }
  });

  it('exits 2 with one clear line for an unknown flag, an unknown format and a missing path', () => {
    expect(runCli(['--bogus'], REPO_ROOT)).toEqual({ status: 2, stdout: '', stderr: 'redis-lint: Unknown option \'--bogus\'.\nRun "redis-lint --help" for usage.\n' });
    expect(runCli(['--format', 'xml'], REPO_ROOT)).toEqual({
      status: 2,
      stdout: '',
      stderr: 'redis-lint: Unknown format "xml". Formats: stylish, json, sarif, github, junit.\nRun "redis-lint --help" for usage.\n',
    });
    expect(runCli(['no/such/dir'], REPO_ROOT)).toEqual({ status: 2, stdout: '', stderr: 'redis-lint: No such file or directory: no/such/dir\nRun "redis-lint --help" for usage.\n' });
  });
});
