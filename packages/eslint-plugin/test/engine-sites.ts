import fs from 'node:fs';
import { analyzeSourceFile, parseFile, resolveConfig, rules, type ClientVersions } from '@redis-lint/analyzer';
import { ProjectModel } from '@redis-lint/analyzer/project';
import ts from 'typescript';
import { messageWithRelated } from '../src/report-finding.js';
import type { EslintSite } from './fixture-lint.js';

/**
 * The engine run directly with every rule on (what the `all` config enables), typed with the
 * program the project model gives the files (their tsconfig's, or the inferred one of their
 * package) or untyped, as ESLint-shaped sites with 1-based columns.
 */
export function engineSites(files: readonly string[], mode: 'typed' | 'untyped', clientVersions: ClientVersions): EslintSite[] {
  const config = resolveConfig(rules, {}, 'all');
  const program = mode === 'typed' && files[0] ? programOf(files[0]) : undefined;
  return files.flatMap((file) => {
    const sourceFile = program?.getSourceFile(file) ?? parseFile(file, fs.readFileSync(file, 'utf8'));
    return analyzeSourceFile(sourceFile, { config, program: program?.getSourceFile(file) ? program : undefined, clientVersions }).map((finding) => {
      const start = sourceFile.getLineAndCharacterOfPosition(finding.start);
      const end = sourceFile.getLineAndCharacterOfPosition(finding.end);
      const message = messageWithRelated(finding, (offset) => sourceFile.getLineAndCharacterOfPosition(offset).line + 1);
      return { file, ruleId: finding.ruleId, message, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
    });
  });
}

function programOf(file: string): ts.Program {
  const model = new ProjectModel();
  const input = model.programInput(model.projectOf(file).project);
  if (input.problem !== undefined) throw new Error(input.problem);
  return ts.createProgram({ rootNames: input.rootNames, options: input.options, projectReferences: input.projectReferences });
}
