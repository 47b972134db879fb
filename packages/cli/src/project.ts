import path from 'node:path';
import ts = require('typescript');
import { ProjectModel, workspaceModuleResolver, type Project } from '@redis-lint/analyzer/project';
import { fileHash } from './content-hash.js';
import type { FileProblem } from './file-problem.js';
import { directoryStamps, type FolderStamp } from './folder-stamp.js';

/**
 * What a program was built from, taken just before TypeScript read it (`--cache` checks it next run):
 * the directories its files are listed from, and the texts of the tsconfig and the configs it
 * extends. A change made while the program is built shows as a change next run.
 */
export interface ProgramInputs {
  directories: Record<string, FolderStamp>;
  stampedAt: number;
  /** Hash of each config file's text, by path. */
  configs: Record<string, string>;
}

export type ProjectLoad = { program: ts.Program; inputs?: ProgramInputs | undefined; problem?: undefined } | { program?: undefined; problem: string };

export interface ProjectGroup {
  project: Project;
  /** Indexes of the files of the run that belong to it. */
  indexes: number[];
}

/**
 * Typed mode: one `ts.Program` per project of the engine's project model (a tsconfig's, a
 * jsconfig's, or the inferred program of a package no config covers), built once per run.
 */
export class ProjectIndex {
  readonly model: ProjectModel;
  private readonly programs = new Map<string, ProjectLoad>();
  /** Declaration files (`lib.*.d.ts`, client typings) are shared by most programs: parse each once. */
  private readonly sourceFiles = new Map<string, ts.SourceFile>();
  /** Module resolution asks whether the same files and folders exist thousands of times; the answers hold for the run (tsc caches them too). */
  private readonly existing = new Map<string, boolean>();
  /** Each config's inputs, stamped before the config is first read. */
  private readonly inputs = new Map<string, ProgramInputs | undefined>();

  /**
   * `cacheDir`: with `--cache`, each program's searched directories are stamped for the next run (the cache's own left out).
   * `root`: the inferred project of files with no package.json above them.
   */
  constructor(
    private readonly cacheDir: string | undefined,
    root: string,
  ) {
    this.model = new ProjectModel({ fallbackRoot: root, existingOptions: { noEmit: true } });
  }

  /** The files of a run by project, and one problem per config that could not be used (its files go to an inferred project). */
  group(files: readonly string[]): { groups: Map<string, ProjectGroup>; problems: FileProblem[] } {
    const groups = new Map<string, ProjectGroup>();
    const problems = new Map<string, FileProblem>();
    files.forEach((file, index) => {
      const configFile = this.cacheDir === undefined ? undefined : this.model.locator.nearestConfig(path.dirname(path.resolve(file)));
      if (configFile !== undefined && !this.inputs.has(configFile)) this.inputs.set(configFile, programInputs(configFile, this.cacheDir!));
      const { project, problem } = this.model.projectOf(file);
      if (problem && !problems.has(problem.configFile)) problems.set(problem.configFile, { file: problem.configFile, level: 'warning', kind: 'tsconfig', message: problem.message });
      const group = groups.get(project.key);
      if (group) group.indexes.push(index);
      else groups.set(project.key, { project, indexes: [index] });
    });
    return { groups, problems: [...problems.values()] };
  }

  /** The program of a project, built once; `requested`: the run's files in it (an inferred program holds at least those). */
  load(project: Project, requested: readonly string[]): ProjectLoad {
    let loaded = this.programs.get(project.key);
    if (!loaded) {
      loaded = this.build(project, requested);
      this.programs.set(project.key, loaded);
    }
    return loaded;
  }

  /** A program holding `file`, or undefined when it must be analyzed untyped. */
  sourceFileFor(file: string): { program: ts.Program; sourceFile: ts.SourceFile } | undefined {
    const { project } = this.model.projectOf(file);
    const { program } = this.load(project, [file]);
    const sourceFile = program?.getSourceFile(file);
    return program && sourceFile ? { program, sourceFile } : undefined;
  }

  private build(project: Project, requested: readonly string[]): ProjectLoad {
    try {
      const inputs = project.kind === 'inferred' ? this.inferredInputs(project.root) : this.inputs.get(project.configFile!);
      const input = this.model.programInput(project, requested);
      if (input.problem !== undefined) return { problem: input.problem };
      return { program: this.createProgram(input.rootNames, input.options, input.projectReferences), inputs };
    } catch (error) {
      const reason = error instanceof RangeError ? 'a file is nested too deeply for the TypeScript compiler' : error instanceof Error ? error.message : String(error);
      return { problem: `Cannot build the TypeScript program of ${project.configFile ?? project.root} (${reason}); its files are analyzed without type information.` };
    }
  }

  /** An inferred program is listed from its whole root, stamped before the listing. */
  private inferredInputs(root: string): ProgramInputs | undefined {
    if (this.cacheDir === undefined) return undefined;
    return { directories: directoryStamps([{ dir: root, recursive: true }], this.cacheDir), stampedAt: Date.now(), configs: {} };
  }

  private createProgram(rootNames: readonly string[], options: ts.CompilerOptions, projectReferences: readonly ts.ProjectReference[] | undefined): ts.Program {
    // No parent pointers at parse time: binding sets them on every file it checks, and detection's walk on the rest.
    const compilerHost = ts.createCompilerHost(options, false);
    // As tsc does: JSDoc in TypeScript files changes no type, and parsing it (mostly @types/node's) costs as much as the code.
    compilerHost.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    const existing = this.existing;
    const remembered = (kind: string, ask: (path: string) => boolean) => (path: string): boolean => {
      const key = `${kind}:${path}`;
      let found = existing.get(key);
      if (found === undefined) existing.set(key, (found = ask(path)));
      return found;
    };
    compilerHost.fileExists = remembered('file', compilerHost.fileExists.bind(compilerHost));
    if (compilerHost.directoryExists) compilerHost.directoryExists = remembered('directory', compilerHost.directoryExists.bind(compilerHost));
    const getSourceFile = compilerHost.getSourceFile.bind(compilerHost);
    const cache = this.sourceFiles;
    compilerHost.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const settings = typeof languageVersion === 'object' ? languageVersion : { languageVersion };
      const key = `${settings.languageVersion}:${'impliedNodeFormat' in settings ? settings.impliedNodeFormat : ''}:${fileName}`;
      let sourceFile = cache.get(key);
      if (!sourceFile) {
        sourceFile = getSourceFile(fileName, languageVersion, onError, shouldCreate);
        if (sourceFile) cache.set(key, sourceFile);
      }
      return sourceFile;
    };
    compilerHost.resolveModuleNameLiterals = workspaceModuleResolver(compilerHost, options);
    return ts.createProgram({ rootNames, options, projectReferences, host: compilerHost });
  }
}

/**
 * The directories TypeScript itself watches for new files (`wildcardDirectories`), stamped before
 * the real parse lists them, and the texts of the configs, hashed before the real parse reads them:
 * the include patterns and the extended configs come from a parse that lists no directory.
 */
function programInputs(configFile: string, cacheDir: string): ProgramInputs | undefined {
  const stampedAt = Date.now();
  const patterns = ts.getParsedCommandLineOfConfigFile(configFile, { noEmit: true }, { ...ts.sys, readDirectory: () => [], onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!patterns) return undefined;
  const configs: Record<string, string> = {};
  for (const file of [configFile, ...((patterns.options.configFile as ts.TsConfigSourceFile | undefined)?.extendedSourceFiles ?? [])]) {
    const hash = fileHash(file);
    if (hash === undefined) return undefined;
    configs[file] = hash;
  }
  const roots = Object.entries(patterns.wildcardDirectories ?? {}).map(([dir, flags]) => ({ dir, recursive: (flags & ts.WatchDirectoryFlags.Recursive) !== 0 }));
  return { directories: directoryStamps(roots, cacheDir), stampedAt, configs };
}
