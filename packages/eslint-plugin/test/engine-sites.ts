import fs from 'node:fs';
import path from 'node:path';
import { analyzeSourceFile, parseFile, resolveConfig, rules, type ClientVersions } from '@redis-lint/analyzer';
import ts from 'typescript';
import type { EslintSite } from './fixture-lint.js';

/**
 * The engine run directly with every rule on (what the `all` config enables), typed with the
 * project's tsconfig or untyped, as ESLint-shaped sites with 1-based columns.
 */
export function engineSites(files: readonly string[], tsconfig: string | undefined, clientVersions: ClientVersions): EslintSite[] {
  const config = resolveConfig(rules, {}, 'all');
  const program = tsconfig ? programOf(tsconfig) : undefined;
  return files.flatMap((file) => {
    const sourceFile = program?.getSourceFile(file) ?? parseFile(file, fs.readFileSync(file, 'utf8'));
    return analyzeSourceFile(sourceFile, { config, program: program?.getSourceFile(file) ? program : undefined, clientVersions }).map((finding) => {
      const start = sourceFile.getLineAndCharacterOfPosition(finding.start);
      const end = sourceFile.getLineAndCharacterOfPosition(finding.end);
      return { file, ruleId: finding.ruleId, message: finding.message, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
    });
  });
}

function programOf(tsconfig: string): ts.Program {
  const read = ts.readConfigFile(tsconfig, (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig));
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}
