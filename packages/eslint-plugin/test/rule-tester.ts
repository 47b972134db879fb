import { fileURLToPath } from 'node:url';
import plugin from '@redis-lint/eslint-plugin';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const TYPED_PROJECT = fileURLToPath(new URL('./typed-project/', import.meta.url));

/** typescript-eslint's parser without type information, and no program of the engine's either: the engine parses the text itself. */
export const untypedTester = new RuleTester({ settings: { 'redis-lint': { projects: false } } });

/** Typed linting: the parser's program reaches the engine. Cases lint `typed-project/file.ts`. */
export const typedTester = new RuleTester({
  languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: TYPED_PROJECT } },
});

type TesterRule = Parameters<RuleTester['run']>[1];

/**
 * The plugin's rule, typed for the RuleTester: rule-tester 8.72 bundles its own
 * `@typescript-eslint/utils`, whose rule types TypeScript does not unify with 8.73's.
 */
export function pluginRule(id: string): TesterRule {
  const rule = plugin.rules[id];
  if (!rule) throw new Error(`no rule ${id} in the plugin`);
  return rule as unknown as TesterRule;
}
