import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import bundledTypeScript = require('typescript');
import { ScriptSnapshot } from './script-snapshot.js';

type TypeScript = typeof bundledTypeScript;

/** An open document's text, which wins over the file on disk. */
export interface OpenFile {
  text: string;
  version: number;
}

export interface TypedFile {
  program: bundledTypeScript.Program;
  sourceFile: bundledTypeScript.SourceFile;
  configFile: string;
}

interface Project {
  configFile: string;
  ts: TypeScript;
  fileNames: Set<string>;
  references: readonly bundledTypeScript.ProjectReference[];
  /** Created on first use: a solution-style tsconfig only lists references and never needs one. */
  service: () => bundledTypeScript.LanguageService;
  dispose(): void;
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
const MAX_REFERENCE_DEPTH = 4;
const DISK_RECHECK_MS = 1000;

/**
 * One TypeScript language service per tsconfig, over a host that overlays open documents on the
 * files on disk. Files that no tsconfig includes get no program (the caller analyzes them untyped).
 */
export class TypeScriptService {
  private readonly projects = new Map<string, Project | undefined>();
  private readonly typeScriptByFolder = new Map<string, TypeScript>();

  constructor(
    private readonly openFile: (fileName: string) => OpenFile | undefined,
    private readonly log: (message: string) => void,
    /** Milliseconds, for the once-a-second disk check (tests pass their own clock). */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  typedFile(fileName: string, workspaceFolder: string | undefined): TypedFile | undefined {
    const ts = this.typeScriptFor(workspaceFolder ?? dirname(fileName));
    const configFile = findConfigFile(fileName, workspaceFolder, ts);
    if (!configFile) return undefined;
    const project = this.projectContaining(ts, configFile, fileName, 0);
    if (!project) return undefined;
    const program = project.service().getProgram();
    const sourceFile = program?.getSourceFile(fileName);
    if (!program || !sourceFile) return undefined;
    return { program, sourceFile, configFile: project.configFile };
  }

  /** A tsconfig (or a file it depends on) changed on disk: rebuild its project on next use. */
  invalidate(changedFile?: string): void {
    if (changedFile === undefined || /(^|[\\/])[tj]sconfig[^\\/]*\.json$/.test(changedFile) || /package\.json$/.test(changedFile)) {
      for (const project of this.projects.values()) project?.dispose();
      this.projects.clear();
    }
  }

  dispose(): void {
    this.invalidate();
  }

  private projectContaining(ts: TypeScript, configFile: string, fileName: string, depth: number): Project | undefined {
    const project = this.project(ts, configFile);
    if (!project) return undefined;
    if (project.fileNames.has(fileName)) return project;
    if (depth >= MAX_REFERENCE_DEPTH) return undefined;
    // A solution-style tsconfig lists its projects in `references`.
    for (const reference of project.references) {
      const referenced = ts.resolveProjectReferencePath(reference);
      const found = this.projectContaining(ts, resolve(referenced), fileName, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private project(ts: TypeScript, configFile: string): Project | undefined {
    if (this.projects.has(configFile)) return this.projects.get(configFile);
    const project = this.createProject(ts, configFile);
    this.projects.set(configFile, project);
    return project;
  }

  private createProject(ts: TypeScript, configFile: string): Project | undefined {
    const diagnostics: bundledTypeScript.Diagnostic[] = [];
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
    });
    if (!parsed) {
      this.log(`Cannot read ${configFile}: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}. Its files are analyzed untyped.`);
      return undefined;
    }
    const fileNames = new Set(parsed.fileNames.map((name) => resolve(name)));
    // The language service asks for every file's version (twice) and snapshot on each update. During a
    // burst of edits a file on disk is stat'ed at most once a second; a change on disk (a branch
    // switch) shows from the next update after that.
    const diskVersions = new Map<string, { epoch: number; version: string }>();
    // The program's file names as TypeScript spells them, resolved once: every update asks about each.
    const resolvedNames = new Map<string, string>();
    const openFile = (name: string): OpenFile | undefined => {
      let resolved = resolvedNames.get(name);
      if (resolved === undefined) resolvedNames.set(name, (resolved = resolve(name)));
      return this.openFile(resolved);
    };
    const snapshots = new Map<string, { version: string; snapshot: bundledTypeScript.IScriptSnapshot | undefined }>();
    let epoch = 0;
    let epochStartedAt = Number.NEGATIVE_INFINITY;
    const scriptVersion = (name: string): string => {
      const open = openFile(name);
      if (open) return `open:${open.version}`;
      const known = diskVersions.get(name);
      if (known?.epoch === epoch) return known.version;
      let version: string;
      try {
        version = `disk:${statSync(name).mtimeMs}`;
      } catch {
        version = 'missing';
      }
      diskVersions.set(name, { epoch, version });
      return version;
    };
    // Which package.json scopes which file (`node_modules` files are looked up on every update) is kept
    // across updates; package.json files are watched, and a change rebuilds the project. Module
    // resolutions are kept as long as disk versions are: a file created meanwhile resolves a second later.
    const getCanonicalFileName = (name: string): string => (ts.sys.useCaseSensitiveFileNames ? name : name.toLowerCase());
    const packageJsons = ts.createModuleResolutionCache(dirname(configFile), getCanonicalFileName, parsed.options).getPackageJsonInfoCache();
    let resolutions: { epoch: number; cache: bundledTypeScript.ModuleResolutionCache } | undefined;
    const resolutionCache = (): bundledTypeScript.ModuleResolutionCache => {
      if (resolutions?.epoch !== epoch) resolutions = { epoch, cache: ts.createModuleResolutionCache(dirname(configFile), getCanonicalFileName, parsed.options, packageJsons) };
      return resolutions.cache;
    };
    // `getModuleResolutionCache` is read by the language service but missing from its public host type.
    const host: bundledTypeScript.LanguageServiceHost & Pick<bundledTypeScript.CompilerHost, 'getModuleResolutionCache'> = {
      getCompilationSettings: () => parsed.options,
      getProjectReferences: () => parsed.projectReferences,
      getScriptFileNames: () => [...fileNames],
      getScriptVersion: scriptVersion,
      getScriptSnapshot: (name) => {
        const version = scriptVersion(name);
        const known = snapshots.get(name);
        if (known?.version === version) return known.snapshot;
        const text = openFile(name)?.text ?? ts.sys.readFile(name);
        const snapshot = text === undefined ? undefined : new ScriptSnapshot(text);
        snapshots.set(name, { version, snapshot });
        return snapshot;
      },
      getCurrentDirectory: () => dirname(configFile),
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      getModuleResolutionCache: resolutionCache,
      resolveModuleNameLiterals: (literals, containingFile, redirectedReference, options, containingSourceFile) =>
        literals.map((literal) =>
          ts.resolveModuleName(literal.text, containingFile, options, host, resolutionCache(), redirectedReference, ts.getModeForUsageLocation(containingSourceFile, literal, options)),
        ),
      fileExists: (name) => this.openFile(resolve(name)) !== undefined || ts.sys.fileExists(name),
      readFile: (name, encoding) => this.openFile(resolve(name))?.text ?? ts.sys.readFile(name, encoding),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
    };
    let service: bundledTypeScript.LanguageService | undefined;
    return {
      configFile,
      ts,
      fileNames,
      references: parsed.projectReferences ?? [],
      service: () => {
        if (!service) {
          service = ts.createLanguageService(host, ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, dirname(configFile)));
          this.log(`TypeScript ${ts.version} project ${configFile}: ${fileNames.size} files.`);
        }
        const now = this.clock();
        if (now - epochStartedAt >= DISK_RECHECK_MS) {
          epoch++;
          epochStartedAt = now;
        }
        return service;
      },
      dispose: () => service?.dispose(),
    };
  }

  /**
   * The workspace's own TypeScript when it has one the engine can read. The engine compares node
   * kinds with its own TypeScript's `SyntaxKind`, whose numbering changes between minor versions,
   * so a workspace TypeScript of another major.minor would silently break detection.
   */
  private typeScriptFor(folder: string): TypeScript {
    let ts = this.typeScriptByFolder.get(folder);
    if (ts) return ts;
    ts = bundledTypeScript;
    try {
      const workspaceRequire = createRequire(join(folder, 'package.json'));
      const found = workspaceRequire('typescript') as TypeScript;
      if (found.versionMajorMinor === bundledTypeScript.versionMajorMinor) {
        ts = found;
        this.log(`Using the workspace's TypeScript ${found.version} (${workspaceRequire.resolve('typescript')}).`);
      } else {
        this.log(`The workspace's TypeScript ${found.version} differs from the engine's ${bundledTypeScript.versionMajorMinor}; using the bundled TypeScript ${bundledTypeScript.version}.`);
      }
    } catch {
      this.log(`No TypeScript in ${folder}; using the bundled TypeScript ${bundledTypeScript.version}.`);
    }
    this.typeScriptByFolder.set(folder, ts);
    return ts;
  }
}

/** The nearest tsconfig.json (or jsconfig.json) above a file, not looking above its workspace folder. */
function findConfigFile(fileName: string, workspaceFolder: string | undefined, ts: TypeScript): string | undefined {
  let directory = dirname(fileName);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(directory, name);
      if (ts.sys.fileExists(candidate)) return resolve(candidate);
    }
    const parent = dirname(directory);
    if (parent === directory || directory === workspaceFolder) return undefined;
    directory = parent;
  }
}
