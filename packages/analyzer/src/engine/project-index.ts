import type ts from 'typescript';
import { libraryOfDeclarationFile } from '../detect/client-library.js';
import { buildFileModel, mentionsClientPackage, type FileModel } from '../detect/file-model.js';
import { indexModels, type IndexedModel } from './cross-file-hot-paths.js';
import { invalidatedFiles } from './invalidated-files.js';
import { filesImportedByOthers } from './imported-files.js';
import { directImporters, linkedFiles } from './linked-files.js';

/** Every project file's model, with hot paths already followed across files. */
interface ProjectIndex {
  models: Map<ts.SourceFile, FileModel>;
  /** Whether another file of the program imports this one. */
  importedByOthers(sourceFile: ts.SourceFile): boolean;
  /** The models of the files that import this one or that it imports, directly or not. */
  linkedModels(sourceFile: ts.SourceFile): FileModel[];
  /** The models of the files that import this one themselves. */
  importerModels(sourceFile: ts.SourceFile): FileModel[];
}

interface IndexState extends ProjectIndex {
  program: ts.Program;
  clientTypes: boolean;
  entries: Map<ts.SourceFile, IndexedModel>;
}

/** Indexes by the commands their models read (`wantedCommands`); `undefined`: every command. */
type ByWanted = Map<ReadonlySet<string> | undefined, IndexState>;

/**
 * Reused models keep the checker they were built with (and its program) alive; past this many
 * distinct checkers the next index builds every model anew.
 */
const MAX_CHECKERS = 4;

const indexes = new WeakMap<ts.Program, ByWanted>();
/** The last index built per compiler options: a language service's next program keeps the options object of the one before. */
const latest = new WeakMap<ts.CompilerOptions, ByWanted>();
const fileMentions = new WeakMap<ts.SourceFile, boolean>();
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
    found = program.getSourceFiles().some(fileMentionsClient);
    mentions.set(program, found);
  }
  return found;
}

// Per file too: an editor's next program shares every file but the edited one, `lib.dom.d.ts` among them.
function fileMentionsClient(sourceFile: ts.SourceFile): boolean {
  let found = fileMentions.get(sourceFile);
  if (found === undefined) {
    found = mentionsClientPackage(sourceFile.text);
    fileMentions.set(sourceFile, found);
  }
  return found;
}

/**
 * The models of a program's own files (not declaration files, not `node_modules`), built once
 * per program and reused by every host, so a route handler in one file makes the repository
 * function it calls in another file a hot path — in the CLI, ESLint and the editor alike. A
 * program that follows another (an editor's, after an edit) reuses the models of the files the
 * edit cannot reach; the result equals a fresh index's. `wanted`: the commands the models read.
 */
export function projectIndex(program: ts.Program, wanted?: ReadonlySet<string>): ProjectIndex {
  const cached = indexes.get(program)?.get(wanted);
  if (cached) return cached;
  const checker = program.getTypeChecker();
  const hasClientTypes = programHasClientTypes(program);
  const own = program.getSourceFiles().filter((sourceFile) => !sourceFile.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sourceFile) && !/[\\/]node_modules[\\/]/.test(sourceFile.fileName));
  // A call of another file's helper reads that file's model, found in this index once it is built (rules read calls after).
  let built: Map<ts.SourceFile, FileModel> | undefined;
  const foreign = (fn: ts.SignatureDeclaration) => built?.get(fn.getSourceFile())?.helperCommands(fn);
  const entries = indexModels(own, reusableModels(program, hasClientTypes, wanted), (sourceFile) => buildFileModel(sourceFile, checker, hasClientTypes, wanted, foreign));
  const models = new Map([...entries].map(([sourceFile, entry]) => [sourceFile, entry.model]));
  built = models;
  const index: IndexState = {
    models,
    program,
    clientTypes: hasClientTypes,
    entries,
    importedByOthers: (sourceFile) => filesImportedByOthers(program, own).has(sourceFile.fileName),
    linkedModels: (sourceFile) => [...linkedFiles(program, own, sourceFile)].flatMap((linked) => models.get(linked) ?? []),
    importerModels: (sourceFile) => [...directImporters(program, own, sourceFile)].flatMap((importer) => models.get(importer) ?? []),
  };
  remember(indexes, program, wanted, index);
  remember(latest, program.getCompilerOptions(), wanted, index);
  return index;
}

function remember<K extends object>(map: WeakMap<K, ByWanted>, key: K, wanted: ReadonlySet<string> | undefined, index: IndexState): void {
  let byWanted = map.get(key);
  if (!byWanted) map.set(key, (byWanted = new Map()));
  byWanted.set(wanted, index);
}

function reusableModels(program: ts.Program, hasClientTypes: boolean, wanted: ReadonlySet<string> | undefined): Map<ts.SourceFile, IndexedModel> {
  const reusable = new Map<ts.SourceFile, IndexedModel>();
  const previous = latest.get(program.getCompilerOptions())?.get(wanted);
  if (!previous || previous.program === program || previous.clientTypes !== hasClientTypes) return reusable;
  const invalid = invalidatedFiles(previous.program, program);
  if (!invalid) return reusable;
  const checkers = new Set<ts.TypeChecker | undefined>([program.getTypeChecker()]);
  for (const [sourceFile, entry] of previous.entries) {
    if (invalid.has(sourceFile)) continue;
    reusable.set(sourceFile, entry);
    checkers.add(entry.model.context.checker);
  }
  if (checkers.size > MAX_CHECKERS) reusable.clear();
  return reusable;
}
