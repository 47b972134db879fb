import fs from 'node:fs';
import path from 'node:path';
import ts = require('typescript');
import { fileHash, type FolderStamp } from './cache.js';
import { directoryStamps } from './program-cache.js';
import { TsconfigFinder } from './tsconfig-finder.js';

/**
 * What a program was built from, taken just before TypeScript read it (`--cache` checks it next run):
 * the directories its tsconfig's include patterns search, and the texts of the tsconfig and the
 * configs it extends. A change made while the program is built shows as a change next run.
 */
export interface ProgramInputs {
  directories: Record<string, FolderStamp>;
  stampedAt: number;
  /** Hash of each config file's text, by path. */
  configs: Record<string, string>;
}

export type ProjectLoad = { program: ts.Program; inputs?: ProgramInputs | undefined; problem?: undefined } | { program?: undefined; problem: string };

/**
 * Typed mode: one `ts.Program` per `tsconfig.json`, the nearest one above each file. Files that no
 * tsconfig covers (or whose program cannot be built) are analyzed untyped.
 */
export class ProjectIndex {
  readonly tsconfigs = new TsconfigFinder();
  private readonly programs = new Map<string, ProjectLoad>();
  /** Declaration files (`lib.*.d.ts`, client typings) are shared by most programs: parse each once. */
  private readonly sourceFiles = new Map<string, ts.SourceFile>();
  /** Module resolution asks whether the same files and folders exist thousands of times; the answers hold for the run (tsc caches them too). */
  private readonly existing = new Map<string, boolean>();

  /** `cacheDir`: with `--cache`, each program's searched directories are stamped for the next run (the cache's own left out). */
  constructor(private readonly cacheDir?: string) {}

  /** The program of a tsconfig, built once; a broken tsconfig or a crash while building is a problem, not a throw. */
  load(tsconfig: string): ProjectLoad {
    let loaded = this.programs.get(tsconfig);
    if (!loaded) {
      loaded = buildProgram(tsconfig, this.sourceFiles, this.existing, this.cacheDir);
      this.programs.set(tsconfig, loaded);
    }
    return loaded;
  }

  /** A program holding `file`, or undefined when it must be analyzed untyped. */
  sourceFileFor(file: string): { program: ts.Program; sourceFile: ts.SourceFile } | undefined {
    const tsconfig = this.tsconfigs.tsconfigFor(file);
    if (!tsconfig) return undefined;
    const { program } = this.load(tsconfig);
    const sourceFile = program?.getSourceFile(file);
    return program && sourceFile ? { program, sourceFile } : undefined;
  }
}

function buildProgram(tsconfig: string, cache: Map<string, ts.SourceFile>, existing: Map<string, boolean>, cacheDir: string | undefined): ProjectLoad {
  let fatal: string | undefined;
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      fatal = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    },
  };
  try {
    const inputs = cacheDir === undefined ? undefined : programInputs(tsconfig, host, cacheDir);
    const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, { noEmit: true }, host);
    if (!parsed || fatal) return { problem: `Cannot use ${tsconfig}: ${fatal ?? 'unreadable'}; its files are analyzed without type information.` };
    // TS18003 "No inputs were found" only means the program is empty.
    const configError = parsed.errors.find((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error && diagnostic.code !== 18003);
    if (configError) {
      const where = configError.file && configError.start !== undefined ? ` (line ${configError.file.getLineAndCharacterOfPosition(configError.start).line + 1})` : '';
      return { problem: `Cannot use ${tsconfig}${where}: ${ts.flattenDiagnosticMessageText(configError.messageText, ' ').replace(/\.$/, '')}; its files are analyzed without type information.` };
    }
    // No parent pointers at parse time: binding sets them on every file it checks, and detection's walk on the rest.
    const compilerHost = ts.createCompilerHost(parsed.options, false);
    // As tsc does: JSDoc in TypeScript files changes no type, and parsing it (mostly @types/node's) costs as much as the code.
    compilerHost.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    const remembered = (kind: string, ask: (path: string) => boolean) => (path: string): boolean => {
      const key = `${kind}:${path}`;
      let found = existing.get(key);
      if (found === undefined) existing.set(key, (found = ask(path)));
      return found;
    };
    compilerHost.fileExists = remembered('file', compilerHost.fileExists.bind(compilerHost));
    if (compilerHost.directoryExists) compilerHost.directoryExists = remembered('directory', compilerHost.directoryExists.bind(compilerHost));
    const getSourceFile = compilerHost.getSourceFile.bind(compilerHost);
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
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences, host: compilerHost });
    return { program, inputs };
  } catch (error) {
    const reason = error instanceof RangeError ? 'a file is nested too deeply for the TypeScript compiler' : error instanceof Error ? error.message : String(error);
    return { problem: `Cannot build the TypeScript program of ${tsconfig} (${reason}); its files are analyzed without type information.` };
  }
}

/**
 * The directories TypeScript itself watches for new files (`wildcardDirectories`), stamped before
 * the real parse lists them, and the texts of the configs, hashed before the real parse reads them:
 * the include patterns and the extended configs come from a parse that lists no directory.
 */
function programInputs(tsconfig: string, host: ts.ParseConfigFileHost, cacheDir: string): ProgramInputs | undefined {
  const stampedAt = Date.now();
  const patterns = ts.getParsedCommandLineOfConfigFile(tsconfig, { noEmit: true }, { ...host, readDirectory: () => [] });
  if (!patterns) return undefined;
  const configs: Record<string, string> = {};
  for (const file of [tsconfig, ...((patterns.options.configFile as ts.TsConfigSourceFile | undefined)?.extendedSourceFiles ?? [])]) {
    const hash = fileHash(file);
    if (hash === undefined) return undefined;
    configs[file] = hash;
  }
  const roots = Object.entries(patterns.wildcardDirectories ?? {}).map(([dir, flags]) => ({ dir, recursive: (flags & ts.WatchDirectoryFlags.Recursive) !== 0 }));
  return { directories: directoryStamps(roots, cacheDir), stampedAt, configs };
}
