// The repository lints its own sources with its own plugin (dogfooding): `npx eslint packages/*/src`.
import tseslint from 'typescript-eslint';
import redisLint from '@redis-lint/eslint-plugin';

const sources = ['packages/*/src/**/*.ts'];

export default [
  { ignores: ['**/dist/**', '**/out/**', '**/node_modules/**', 'fixtures/**'] },
  {
    files: sources,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { ...redisLint.configs.all, files: sources },
];
