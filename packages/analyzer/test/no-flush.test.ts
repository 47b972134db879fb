import { describe, expect, it } from 'vitest';
import { analyzeText } from '@redis-lint/analyzer';

const ONLY = { rules: { 'no-flush': 'error', 'require-timeouts': 'off' } } as const;
const HEADER = "import Redis from 'ioredis';\nconst redis = new Redis();\n";

function flushLines(code: string, fileName = 'src/app.ts'): number[] {
  return analyzeText(fileName, code, ONLY).map((finding) => code.slice(0, finding.start).split('\n').length);
}

describe('no-flush', () => {
  it('reports a flush in application code and suggests ASYNC', () => {
    const code = `${HEADER}export const reset = () => redis.flushall();\n`;
    const [finding] = analyzeText('src/app.ts', code, ONLY);
    expect(finding?.message).toBe(
      'FLUSHALL deletes every database of the server, so one stray call from application code wipes all data and blocks Redis while it frees the memory; delete only the keys this code owns (SCAN and UNLINK), or keep flushes in tests and admin scripts.',
    );
    const edit = finding!.suggestions![0]!.edits[0]!;
    expect(code.slice(0, edit.start) + edit.text + code.slice(edit.end)).toBe(`${HEADER}export const reset = () => redis.flushall('ASYNC');\n`);
  });

  it('stays quiet behind an environment guard, in test set-up files and in scripts', () => {
    expect(flushLines(`${HEADER}export async function reset() {\n  if (process.env.NODE_ENV !== 'test') throw new Error('tests only');\n  await redis.flushdb();\n}\n`)).toEqual([]);
    expect(flushLines(`${HEADER}export async function reset() {\n  if (process.env.NODE_ENV === 'development') await redis.flushdb();\n}\n`)).toEqual([]);
    expect(flushLines(`${HEADER}await redis.flushdb();\n`, 'vitest.setup.ts')).toEqual([]);
    expect(flushLines(`${HEADER}await redis.flushdb();\n`, 'scripts/reset.ts')).toEqual([]);
  });

  it('still reports when the guard does not leave the function', () => {
    expect(flushLines(`${HEADER}export async function reset() {\n  if (process.env.NODE_ENV === 'production') console.warn('flushing production');\n  await redis.flushdb();\n}\n`)).toEqual([5]);
  });
});
