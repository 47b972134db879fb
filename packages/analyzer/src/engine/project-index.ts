import type ts from 'typescript';
import { libraryOfDeclarationFile } from '../detect/client-library.js';
import { buildFileModel, mentionsClientPackage, type FileModel } from '../detect/file-model.js';

/** Every project file's model, with hot paths already followed across files. */
interface ProjectIndex {
  models: Map<ts.SourceFile, FileModel>;
}

const indexes = new WeakMap<ts.Program, ProjectIndex>();
const mentions = new WeakMap<ts.Program, boolean>();

const clientTypes = new WeakMap<ts.Program, boolean>();

/** Whether the program loaded a client package's own declarations (`node_modules/ioredis/…`). */
export function programHasClientTypes(program: ts.Program): boolean {
  let found = clientTypes.get(program);
  if (found === undefined) {
    found = program.getSourceFiles().some((sourceFile) => sourceFile.isDeclarationFile && libraryOfDeclarationFile(sourceFile.fileName) !== undefined);
    clientTypes.set(program, found);
  }
  return found;
}

/** Whether any file of the program (its own or a declaration file) mentions a Redis client package. */
export function programMentionsClient(program: ts.Program): boolean {
  let found = mentions.get(program);
  if (found === undefined) {
    found = program.getSourceFiles().some((sourceFile) => mentionsClientPackage(sourceFile.text));
    mentions.set(program, found);
  }
  return found;
}

/**
 * The models of a program's own files (not declaration files, not `node_modules`), built once
 * per program and reused by every host, so a route handler in one file makes the repository
 * function it calls in another file a hot path — in the CLI, ESLint and the editor alike.
 */
export function projectIndex(program: ts.Program): ProjectIndex {
  let index = indexes.get(program);
  if (index) return index;
  const checker = program.getTypeChecker();
  const models = new Map<ts.SourceFile, FileModel>();
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile) || /[\\/]node_modules[\\/]/.test(sourceFile.fileName)) continue;
    models.set(sourceFile, buildFileModel(sourceFile, checker, programHasClientTypes(program)));
  }
  followHotPathsAcrossFiles(models);
  index = { models };
  indexes.set(program, index);
  return index;
}

function followHotPathsAcrossFiles(models: Map<ts.SourceFile, FileModel>): void {
  const applied = new Set<ts.SignatureDeclaration>();
  for (let changed = true, rounds = 0; changed && rounds < 20; rounds++) {
    changed = false;
    for (const model of models.values()) {
      for (const { callee, path } of model.outgoingHotCalls()) {
        const target = models.get(callee.getSourceFile());
        if (!target || applied.has(callee)) continue;
        applied.add(callee);
        if (target.markHot(callee, path)) changed = true;
      }
    }
  }
}
