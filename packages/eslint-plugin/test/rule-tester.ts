import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const TYPED_PROJECT = fileURLToPath(new URL('./typed-project/', import.meta.url));

/** typescript-eslint's parser without type information: the engine parses the text itself. */
export const untypedTester = new RuleTester();

/** Typed linting: the parser's program reaches the engine. Cases lint `typed-project/file.ts`. */
export const typedTester = new RuleTester({
  languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: TYPED_PROJECT } },
});
