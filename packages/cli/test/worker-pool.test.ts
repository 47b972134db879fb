import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, rules } from '@redis-lint/analyzer';
import { run, type RunOptions } from '../dist/index.js';
import { threadsFor } from '../dist/worker-pool.js';
import { removeDir, tempProject } from './cli-process.js';

const FILE_COUNT = 240;

function sourceOf(index: number): string {
  return [
    "import Redis from 'ioredis';",
    "import express from 'express';",
    '',
    `const redis = new Redis(${index % 3 === 0 ? '' : '{ commandTimeout: 500 }'});`,
    'const app = express();',
    '',
    `app.get('/items/${index}', async (req, res) => {`,
    `  const all = await redis.hgetall('items:${index}');`,
    index % 2 === 0 ? `  const names = await redis.keys('item:${index}:*');` : '  const names: string[] = [];',
    `  await redis.set(\`seen:\${req.ip}\`, '1');`,
    '  res.json({ all, names });',
    '});',
    '',
  ].join('\n');
}

describe('worker threads for untyped runs', () => {
  let dir: string;
  let files: string[];
  beforeAll(() => {
    const sources: Record<string, string | Buffer> = {};
    for (let index = 0; index < FILE_COUNT; index++) sources[`src/file-${String(index).padStart(3, '0')}.ts`] = sourceOf(index);
    sources['src/broken.ts'] = "import Redis from 'ioredis';\nexport const = ;\n";
    sources['src/binary.ts'] = Buffer.from([0x00, 0x01, 0x02]);
    dir = tempProject(sources);
    files = Object.keys(sources).map((name) => `${dir}/${name}`);
  });
  afterAll(() => removeDir(dir));

  const lint = async (threads: RunOptions['threads']) =>
    (await run({ root: dir, cwd: dir, files, problems: [], config: resolveConfig(rules), typeCheck: false, fix: false, baseline: undefined, reportUnusedDisableDirectives: false, threads })).report;

  it('gives exactly the single-threaded report, in the same order', async () => {
    const single = await lint(0);
    const parallel = await lint(2);
    expect(single.files.length).toBe(FILE_COUNT + 1);
    expect(single.files.reduce((sum, file) => sum + file.findings.length, 0)).toBeGreaterThan(FILE_COUNT * 2);
    expect(single.problems.map((problem) => problem.kind)).toEqual(['binary-file', 'syntax-error']);
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(single));
  });

  it('starts threads only for many files on several cores', () => {
    expect(threadsFor(10)).toBe(0);
    expect(threadsFor(999)).toBe(0);
    const cores = os.availableParallelism();
    expect(threadsFor(1000)).toBe(cores < 4 ? 0 : Math.min(cores - 1, 8));
  });
});
