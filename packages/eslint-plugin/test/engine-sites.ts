import fs from 'node:fs';
import { analyzeSourceFile, parseFile, resolveConfig, rules, type ClientVersions } from '@redis-lint/analyzer';
import { createProjectProgram, ProjectModel } from '@redis-lint/analyzer/project';
import ts from 'typescript';
import { messageWithRelated } from '../src/report-finding.js';
import type { EslintSite } from './fixture-lint.js';

/**
 * The engine run directly with every rule on (what the `all` config enables), typed with the
 * program the project model gives each file (its tsconfig's, or the inferred one of its
 * package) or untyped, as ESLint-shaped sites with 1-based columns.
 */
export function engineSites(files: readonly string[], mode: 'typed' | 'untyped', clientVersions: ClientVersions): EslintSite[] {
  const config = resolveConfig(rules, {}, 'all');
  const model = new ProjectModel();
  const programs = new Map<string, ts.Program>();
  return files.flatMap((file) => {
    const program = mode === 'typed' ? programOf(model, programs, file) : undefined;
    const sourceFile = program?.getSourceFile(file) ?? parseFile(file, fs.readFileSync(file, 'utf8'));
    return analyzeSourceFile(sourceFile, { config, program: program?.getSourceFile(file) ? program : undefined, clientVersions }).map((finding) => {
      const start = sourceFile.getLineAndCharacterOfPosition(finding.start);
      const end = sourceFile.getLineAndCharacterOfPosition(finding.end);
      const message = messageWithRelated(finding, (offset) => sourceFile.getLineAndCharacterOfPosition(offset).line + 1);
      return { file, ruleId: finding.ruleId, message, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
    });
  });
}

/** The program of the file's project (a monorepo's packages have one each), built once per project. */
function programOf(model: ProjectModel, programs: Map<string, ts.Program>, file: string): ts.Program {
  const { project } = model.projectOf(file);
  let program = programs.get(project.key);
  if (!program) {
    const input = model.programInput(project);
    if (input.problem !== undefined) throw new Error(input.problem);
    program = createProjectProgram(input);
    programs.set(project.key, program);
  }
  return program;
}
