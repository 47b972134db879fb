import plugin from '@redis-lint/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import type { FixtureProject } from '../../../test-support/annotations.js';

export type LintMode = 'typed' | 'untyped';

const TYPESCRIPT_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/**
 * ESLint over one fixture project with the `all` config, the way a user configures it: TypeScript
 * files through typescript-eslint (typed: `projectService` rooted at the project), JavaScript
 * files through ESLint's default parser, espree.
 */
export async function lintFixtureProject(project: FixtureProject, mode: LintMode, ESLintClass: typeof ESLint = ESLint): Promise<ESLint.LintResult[]> {
  const typed = mode === 'typed' && project.tsconfig !== undefined;
  const config: Linter.Config[] = [
    {
      files: TYPESCRIPT_FILES,
      languageOptions: {
        parser: tsParser as Linter.Parser,
        parserOptions: typed ? { projectService: true, tsconfigRootDir: project.dir } : {},
      },
    },
    plugin.configs.all as Linter.Config,
    // Untyped: each file on its own, as the engine without a program; typed: the parser's program, or the project model's.
    { settings: { 'redis-lint': { clientVersions: project.clientVersions, projects: mode === 'typed' } } },
  ];
  const eslint = new ESLintClass({ cwd: project.dir, overrideConfigFile: true, overrideConfig: config, ignore: false });
  return eslint.lintFiles(project.files);
}

export interface EslintSite {
  file: string;
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endLine: number | undefined;
  endColumn: number | undefined;
}

/** redis-lint findings with bare rule ids; messages without a rule id (parse errors) are kept with `ruleId: ''`. */
export function sitesOf(results: readonly ESLint.LintResult[]): EslintSite[] {
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      file: result.filePath,
      ruleId: (message.ruleId ?? '').replace(/^@redis-lint\//, ''),
      message: message.message,
      line: message.line,
      column: message.column,
      endLine: message.endLine,
      endColumn: message.endColumn,
    })),
  );
}
