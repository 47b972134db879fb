import { parseFile } from '@redis-lint/analyzer';
import type { TSESLint } from '@typescript-eslint/utils';
import type ts from 'typescript';

/** The `ts.SourceFile` the engine analyzes, and the program when ESLint runs with type information. */
export interface EngineInput {
  sourceFile: ts.SourceFile;
  program: ts.Program | undefined;
}

/**
 * Typed linting hands over the parser's program and its copy of the file; anything else (no
 * `project`/`projectService`, espree, a file outside the program) is parsed from ESLint's text.
 */
export function engineInput(sourceCode: Readonly<TSESLint.SourceCode>, fileName: string): EngineInput {
  const program = programOf(sourceCode);
  const typed = program?.getSourceFile(fileName);
  if (program && typed && sameOffsets(typed.text, sourceCode.text)) return { sourceFile: typed, program };
  return { sourceFile: parseFile(fileName, sourceCode.text), program: undefined };
}

export function untypedInput(sourceCode: Readonly<TSESLint.SourceCode>, fileName: string): EngineInput {
  return { sourceFile: parseFile(fileName, sourceCode.text), program: undefined };
}

/**
 * Offsets must be ESLint's, so a program copy with other text (a stale read) is not usable. ESLint
 * hands parsers a shebang rewritten as `//`, which moves no offset.
 */
function sameOffsets(programText: string, eslintText: string): boolean {
  return programText === eslintText || (programText.length === eslintText.length && programText.startsWith('//') && eslintText.startsWith('#!') && programText.slice(2) === eslintText.slice(2));
}

function programOf(sourceCode: Readonly<TSESLint.SourceCode>): ts.Program | undefined {
  const services = sourceCode.parserServices as { program?: unknown } | undefined;
  const program = services?.program;
  return isProgram(program) ? program : undefined;
}

function isProgram(value: unknown): value is ts.Program {
  return typeof value === 'object' && value !== null && typeof (value as { getSourceFile?: unknown }).getSourceFile === 'function' && typeof (value as { getTypeChecker?: unknown }).getTypeChecker === 'function';
}
