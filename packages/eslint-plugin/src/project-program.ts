import fs from 'node:fs';
import { ProjectModel, workspaceModuleResolver } from '@redis-lint/analyzer/project';
import ts = require('typescript');
import { sameOffsets } from './same-offsets.js';

interface BuiltProgram {
  program: ts.Program;
  /** When each of its own files was read, so a file changed on disk since is read again, and only it. */
  readAt: Map<string, number>;
}

/** One model for the lint run, as the CLI and the editor keep one: configs and package roots are read once. */
const model = new ProjectModel();
const programs = new Map<string, BuiltProgram>();

/**
 * The program the engine's project model gives a file that the parser brought none for (espree,
 * typescript-eslint without `project`/`projectService`): its tsconfig's, its jsconfig's, or the
 * inferred program of its package, built once per project, as the CLI builds them. Undefined when
 * the project cannot be built or its copy of the file differs from ESLint's text (an unsaved
 * editor buffer, a fix pass): offsets must be ESLint's.
 */
export function projectProgram(fileName: string, text: string): ts.Program | undefined {
  const { project } = model.projectOf(fileName);
  let built = programs.get(project.key);
  if (!built) {
    const input = model.programInput(project, [fileName]);
    if (input.problem !== undefined) return undefined;
    built = build(input.rootNames, input.options, input.projectReferences, undefined);
    programs.set(project.key, built);
  }
  const current = built.program.getSourceFile(fileName);
  if (current && sameOffsets(current.text, text)) return built.program;
  // Rebuilt only for a file created or saved since: an unsaved buffer would cost a program per keystroke.
  if (current && mtimeOf(fileName) === built.readAt.get(current.fileName)) return undefined;
  const rootNames = current ? built.program.getRootFileNames() : [...built.program.getRootFileNames(), fileName];
  built = build(rootNames, built.program.getCompilerOptions(), built.program.getProjectReferences(), built);
  programs.set(project.key, built);
  const fresh = built.program.getSourceFile(fileName);
  return fresh && sameOffsets(fresh.text, text) ? built.program : undefined;
}

/** A program whose host hands back the previous program's copy of every file unchanged on disk. */
function build(rootNames: readonly string[], options: ts.CompilerOptions, projectReferences: readonly ts.ProjectReference[] | undefined, previous: BuiltProgram | undefined): BuiltProgram {
  const host = ts.createCompilerHost(options, false);
  const readAt = new Map<string, number>();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const mtime = mtimeOf(name);
    const old = previous?.program.getSourceFile(name);
    if (old && previous!.readAt.get(old.fileName) === mtime) {
      readAt.set(old.fileName, mtime);
      return old;
    }
    const sourceFile = getSourceFile(name, languageVersion, onError, shouldCreate);
    if (sourceFile) readAt.set(sourceFile.fileName, mtime);
    return sourceFile;
  };
  host.resolveModuleNameLiterals = workspaceModuleResolver(host, options);
  const program = ts.createProgram({ rootNames, options, projectReferences, host, ...(previous ? { oldProgram: previous.program } : {}) });
  return { program, readAt };
}

function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
