import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

it('the repository lints its own sources with its own plugin (root eslint.config.js, typed, `all`) and is clean', { timeout: 300_000 }, async () => {
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(['packages/*/src/**/*.ts']);
  const config = (await eslint.calculateConfigForFile(`${root}packages/analyzer/src/index.ts`)) as { rules?: Record<string, unknown> };
  expect(Object.keys(config.rules ?? {}).filter((id) => id.startsWith('@redis-lint/')).length).toBeGreaterThanOrEqual(7);
  expect(results.filter((result) => result.filePath.includes('/packages/analyzer/src/')).length).toBeGreaterThan(20);
  const problems = results.flatMap((result) => result.messages.map((message) => `${result.filePath.slice(root.length)}:${message.line}:${message.column} ${message.ruleId ?? 'parse'} ${message.message}`));
  expect(problems).toEqual([]);
});
