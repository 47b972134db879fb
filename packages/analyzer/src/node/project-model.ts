import fs from 'node:fs';
import path from 'node:path';
import ts = require('typescript');
import { isMissingExtends, withWorkspaceExtends } from './config-extends.js';
import { inferredProjectKey, ProjectLocator } from './project-locator.js';

/** How a file's program is decided, as tsserver decides it. */
export type ProjectKind = 'tsconfig' | 'jsconfig' | 'inferred';

/** The program a file belongs to: a tsconfig's, a jsconfig's, or the inferred one of its package. */
export interface Project {
  kind: ProjectKind;
  /** The tsconfig.json or jsconfig.json; undefined for an inferred project. */
  configFile: string | undefined;
  /** The folder of the config file, or the package root of an inferred project. */
  root: string;
  /** Names the project among all of a run's: the config file's path, or `inferred:<root>`. */
  key: string;
}

/**
 * A config file read: its compiler options and files (with `notice`, what it had to do without), or
 * why it cannot be used.
 */
export type ConfigRead = { parsed: ts.ParsedCommandLine; fileNames: ReadonlySet<string>; notice?: string | undefined; problem?: undefined } | { parsed?: undefined; problem: string };

/** The root files and options of a project's program, or why it has none. */
export type ProgramInput =
  | { rootNames: readonly string[]; options: ts.CompilerOptions; projectReferences: readonly ts.ProjectReference[] | undefined; problem?: undefined }
  | { rootNames?: undefined; problem: string };

export interface ProjectOfFile {
  project: Project;
  /** The config above the file could not be used (its files fall back to the inferred project), or was used without its missing base. */
  problem?: { configFile: string; message: string } | undefined;
}

const MAX_REFERENCE_DEPTH = 4;
const MAX_INFERRED_FILES = 20_000;
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/**
 * What the CLI never walks into, and browser assets (vendored libraries, minified bundles): they only
 * cost a program, and a file of them that the package does import still joins it.
 */
const EXCLUDED_FOLDERS = ['node_modules', 'dist', 'build', 'coverage', '.next', '.git', 'vendor', 'vendors', 'static', 'public', 'assets'];
const EXCLUDED_FILES = ['*.min.js', '*.bundle.js'];
const INFERRED_EXCLUDES = [...EXCLUDED_FOLDERS, ...EXCLUDED_FILES].map((pattern) => `**/${pattern}`);
const EXCLUDED_FOLDER_NAMES = new Set(EXCLUDED_FOLDERS);
/** Larger files are generated, not written: the CLI still analyzes them on their own. */
const MAX_INFERRED_FILE_BYTES = 512 * 1024;

/**
 * What tsserver gives a jsconfig.json, except `maxNodeModuleJsDepth`: JavaScript inside
 * `node_modules` costs a program much and tells detection nothing (the clients ship declarations).
 */
const JSCONFIG_DEFAULTS: ts.CompilerOptions = { allowJs: true, maxNodeModuleJsDepth: 0, allowSyntheticDefaultImports: true, skipLibCheck: true, noEmit: true };

/**
 * The options of an inferred project: JavaScript and TypeScript together, `require` and `import`
 * of local modules resolved with or without extensions, nothing checked.
 */
export const INFERRED_OPTIONS: Readonly<ts.CompilerOptions> = Object.freeze({
  allowJs: true,
  checkJs: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  allowSyntheticDefaultImports: true,
  esModuleInterop: true,
  jsx: ts.JsxEmit.Preserve,
  skipLibCheck: true,
  maxNodeModuleJsDepth: 0,
});

/**
 * Node-only: which program each file belongs to, decided once for every host. A file belongs to
 * the nearest tsconfig.json or jsconfig.json above it (tsconfig first in one folder) when that
 * config, or a project it references, includes the file; any other file belongs to the inferred
 * project of its package (the folder of the nearest package.json, else `fallbackRoot`), an
 * allowJs program that resolves the package's own modules across files.
 */
export class ProjectModel {
  readonly locator: ProjectLocator;
  private readonly configs = new Map<string, ConfigRead>();
  private readonly inferred = new Map<string, string[] | null>();

  /** `existingOptions`: options every config is read with (the CLI's `noEmit`). See `ProjectLocator` for the others. */
  constructor(private readonly options: { stopAt?: string | undefined; fallbackRoot?: string | undefined; existingOptions?: ts.CompilerOptions } = {}) {
    this.locator = new ProjectLocator(options);
  }

  projectOf(file: string): ProjectOfFile {
    const resolved = path.resolve(file);
    const configFile = this.locator.nearestConfig(path.dirname(resolved));
    let problem: ProjectOfFile['problem'];
    if (configFile) {
      const read = this.read(configFile);
      if (read.problem !== undefined) problem = { configFile, message: read.problem };
      else {
        const owner = this.owningConfig(configFile, read, resolved, 0);
        const notice = read.notice === undefined ? undefined : { configFile, message: read.notice };
        if (owner) return { project: configProject(owner), problem: notice };
        problem = notice;
      }
    }
    const root = this.locator.inferredRoot(resolved);
    return { project: { kind: 'inferred', configFile: undefined, root, key: inferredProjectKey(root) }, problem };
  }

  /**
   * What the program of `project` is made of. An inferred project lists its package's files, or (past
   * MAX_INFERRED_FILES) only `requested`; files its listing leaves out (assets, generated code) join
   * only when imported.
   */
  programInput(project: Project, requested: readonly string[] = []): ProgramInput {
    if (project.kind === 'inferred') {
      const listed = this.inferredFileNames(project.root);
      // A file asked for that the listing missed (in a hidden folder) still joins, unless it is an asset.
      const rootNames = listed ? [...new Set([...listed, ...requested.filter((file) => !isInferredExclusion(project.root, file))])] : requested;
      return { rootNames, options: { ...INFERRED_OPTIONS }, projectReferences: undefined };
    }
    const read = this.read(project.configFile!);
    if (read.problem !== undefined) return { problem: read.problem };
    return { rootNames: read.parsed.fileNames, options: read.parsed.options, projectReferences: read.parsed.projectReferences };
  }

  /** A config file's options and files (read once); a jsconfig gets tsserver's defaults under its own options. */
  read(configFile: string): ConfigRead {
    let read = this.configs.get(configFile);
    if (!read) {
      read = readConfig(configFile, this.options.existingOptions ?? {});
      this.configs.set(configFile, read);
    }
    return read;
  }

  /**
   * The files of the inferred project rooted at `root`: its package's sources that no config
   * includes (as an implicit tsconfig with allowJs would list them), or undefined past
   * MAX_INFERRED_FILES, where a program of only the files asked for is cheaper.
   */
  inferredFileNames(root: string): string[] | undefined {
    let names = this.inferred.get(root);
    if (names === undefined) {
      const key = inferredProjectKey(root);
      const found = ts.sys.readDirectory(root, SOURCE_EXTENSIONS, INFERRED_EXCLUDES, ['**/*']).map((name) => path.resolve(name));
      names = found.length > MAX_INFERRED_FILES ? null : found.filter((name) => sizeOf(name) <= MAX_INFERRED_FILE_BYTES && this.projectOf(name).project.key === key);
      this.inferred.set(root, names);
    }
    return names ?? undefined;
  }

  /** The config that includes `file`: this one, or (a solution-style tsconfig) one it references. */
  private owningConfig(configFile: string, read: ConfigRead & { parsed: ts.ParsedCommandLine }, file: string, depth: number): string | undefined {
    if (read.fileNames.has(file)) return configFile;
    if (depth >= MAX_REFERENCE_DEPTH) return undefined;
    for (const reference of read.parsed.projectReferences ?? []) {
      const referenced = path.resolve(ts.resolveProjectReferencePath(reference));
      const inner = this.read(referenced);
      if (inner.problem !== undefined) continue;
      const owner = this.owningConfig(referenced, inner, file, depth + 1);
      if (owner) return owner;
    }
    return undefined;
  }
}

function isInferredExclusion(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  const parts = relative.split(path.sep);
  return /\.(min|bundle)\.js$/.test(file) || parts.slice(0, -1).some((part) => EXCLUDED_FOLDER_NAMES.has(part)) || sizeOf(file) > MAX_INFERRED_FILE_BYTES;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function configProject(configFile: string): Project {
  return { kind: path.basename(configFile) === 'jsconfig.json' ? 'jsconfig' : 'tsconfig', configFile, root: path.dirname(configFile), key: configFile };
}

function readConfig(configFile: string, existingOptions: ts.CompilerOptions): ConfigRead {
  let fatal: string | undefined;
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    // A fresh clone of a monorepo links no workspace package into node_modules: a base config in one is read from the package.
    readFile: (file) => {
      const text = ts.sys.readFile(file);
      return text === undefined || !file.endsWith('.json') ? text : withWorkspaceExtends(file, text);
    },
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      fatal = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    },
  };
  const isJsconfig = path.basename(configFile) === 'jsconfig.json';
  try {
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, existingOptions, host);
    if (!parsed || fatal) return { problem: `Cannot use ${configFile}: ${fatal ?? 'unreadable'}; its files are analyzed in an inferred project.` };
    // TS18003 "No inputs were found" only means the program is empty.
    const errors = parsed.errors.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error && diagnostic.code !== 18003);
    // A base config that is not installed (`"extends": "@acme/tsconfig/base.json"` before `npm install`): the file's own options, `paths` among them, still hold.
    const missingBases = errors.filter((diagnostic) => isMissingExtends(diagnostic, parsed, configFile));
    const configError = errors.find((diagnostic) => !missingBases.includes(diagnostic));
    if (configError) {
      const where = configError.file && configError.start !== undefined ? ` (line ${configError.file.getLineAndCharacterOfPosition(configError.start).line + 1})` : '';
      return { problem: `Cannot use ${configFile}${where}: ${ts.flattenDiagnosticMessageText(configError.messageText, ' ').replace(/\.$/, '')}; its files are analyzed in an inferred project.` };
    }
    if (isJsconfig) parsed.options = { ...JSCONFIG_DEFAULTS, ...withoutUnset(parsed.options) };
    const notice =
      missingBases.length === 0
        ? undefined
        : `${configFile} extends ${missingBases.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/^File (.*) not found\.?$/, '$1')).join(' and ')}, which is not there (not installed?); its own options are used without it.`;
    return { parsed, fileNames: new Set(parsed.fileNames.map((name) => path.resolve(name))), notice };
  } catch (error) {
    const reason = error instanceof RangeError ? 'a file is nested too deeply for the TypeScript compiler' : error instanceof Error ? error.message : String(error);
    return { problem: `Cannot use ${configFile} (${reason}); its files are analyzed in an inferred project.` };
  }
}

function withoutUnset(options: ts.CompilerOptions): ts.CompilerOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
