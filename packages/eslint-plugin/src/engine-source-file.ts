import { parseFile } from '@redis-lint/analyzer';
import type { TSESLint } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { sameOffsets } from './same-offsets.js';
import { projectProgram } from './project-program.js';
import { warmEquivalent } from './warm-program.js';

/** The `ts.SourceFile` the engine analyzes, and the program when ESLint runs with type information. */
export interface EngineInput {
  sourceFile: ts.SourceFile;
  program: ts.Program | undefined;
}

/**
 * Typed linting hands over the parser's program and its copy of the file. Without one (no
 * `project`/`projectService`, espree, a file outside the program) the engine's project model gives
 * the file its program (`projects`, the default), or it is parsed from ESLint's text alone.
 */
export function engineInput(sourceCode: Readonly<TSESLint.SourceCode>, fileName: string, projects: boolean): EngineInput {
  const parsed = programOf(sourceCode);
  const program = parsed && warmEquivalent(parsed);
  const typed = program?.getSourceFile(fileName);
  // Offsets must be ESLint's, so a program copy with other text (a stale read) is not usable.
  if (program && typed && sameOffsets(typed.text, sourceCode.text)) return { sourceFile: typed, program };
  const own = projects ? projectProgram(fileName, sourceCode.text) : undefined;
  const ownFile = own?.getSourceFile(fileName);
  if (own && ownFile) return { sourceFile: ownFile, program: own };
  return { sourceFile: parseFile(fileName, sourceCode.text), program: undefined };
}

export function untypedInput(sourceCode: Readonly<TSESLint.SourceCode>, fileName: string): EngineInput {
  return { sourceFile: parseFile(fileName, sourceCode.text), program: undefined };
}

function programOf(sourceCode: Readonly<TSESLint.SourceCode>): ts.Program | undefined {
  const services = sourceCode.parserServices as { program?: unknown } | undefined;
  const program = services?.program;
  return isProgram(program) ? program : undefined;
}

function isProgram(value: unknown): value is ts.Program {
  return typeof value === 'object' && value !== null && typeof (value as { getSourceFile?: unknown }).getSourceFile === 'function' && typeof (value as { getTypeChecker?: unknown }).getTypeChecker === 'function';
}
