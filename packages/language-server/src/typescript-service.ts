import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ProjectModel, withWorkspacePackage, type Project } from '@redis-lint/analyzer/project';
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
  /** The project of the engine's project model the file belongs to: a tsconfig's, a jsconfig's, or its package's inferred one. */
  project: Project;
}

interface ServiceProject {
  /** Created on first use. */
  service: () => bundledTypeScript.LanguageService;
  /** The program's root files (an inferred project also gets the files asked for that its listing lacks). */
  fileNames: Set<string>;
  /** Whether `fileName` may join as a root file (an inferred project's asset may not). */
  admits?: (fileName: string) => boolean;
  dispose(): void;
}

const DISK_RECHECK_MS = 1000;
const PROJECT_FILE = /(^|[\\/])([tj]sconfig[^\\/]*|package)\.json$/;

/**
 * One TypeScript language service per project of the engine's project model (as the CLI's programs
 * and tsserver's projects are decided): a tsconfig's or jsconfig's, or the inferred program of the
 * package of a file no config includes. Its host overlays open documents on the files on disk.
 */
export class TypeScriptService {
  private readonly projects = new Map<string, ServiceProject | undefined>();
  private readonly typeScriptByFolder = new Map<string, TypeScript>();
  /**
   * One per TypeScript, shared by every project as tsserver shares it: the declaration files most
   * projects load (the libs, @types/node, the clients') are parsed and held once, not once per project.
   */
  private readonly registries = new Map<TypeScript, bundledTypeScript.DocumentRegistry>();
  /** One per workspace folder (or, outside any, per file folder); dropped when a project file changes. */
  private readonly models = new Map<string, ProjectModel>();
  private readonly logged = new Set<string>();

  constructor(
    private readonly openFile: (fileName: string) => OpenFile | undefined,
    private readonly log: (message: string) => void,
    /** Milliseconds, for the once-a-second disk check (tests pass their own clock). */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  typedFile(fileName: string, workspaceFolder: string | undefined): TypedFile | undefined {
    const folder = workspaceFolder ?? dirname(fileName);
    const ts = this.typeScriptFor(folder);
    const model = this.modelFor(folder);
    const { project, problem } = model.projectOf(fileName);
    if (problem) this.logOnce(problem.message);
    const entry = this.project(ts, model, project, fileName);
    if (!entry) return undefined;
    // An open document of an inferred project that its listing lacks (created since, in a hidden folder) joins it.
    if (!entry.fileNames.has(fileName) && entry.admits?.(fileName)) entry.fileNames.add(fileName);
    const program = entry.service().getProgram();
    const sourceFile = program?.getSourceFile(fileName);
    if (!program || !sourceFile) return undefined;
    return { program, sourceFile, project };
  }

  /** A tsconfig, jsconfig or package.json changed on disk: decide projects anew and rebuild them on next use. */
  invalidate(changedFile?: string): void {
    if (changedFile === undefined || PROJECT_FILE.test(changedFile)) {
      for (const project of this.projects.values()) project?.dispose();
      this.projects.clear();
      this.models.clear();
    }
  }

  dispose(): void {
    this.invalidate();
  }

  private modelFor(folder: string): ProjectModel {
    let model = this.models.get(folder);
    if (!model) this.models.set(folder, (model = new ProjectModel({ stopAt: folder, fallbackRoot: folder })));
    return model;
  }

  private logOnce(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.log(message);
  }

  private project(ts: TypeScript, model: ProjectModel, project: Project, fileName: string): ServiceProject | undefined {
    if (this.projects.has(project.key)) return this.projects.get(project.key);
    const input = model.programInput(project, [fileName]);
    let created: ServiceProject | undefined;
    if (input.problem !== undefined) this.logOnce(input.problem);
    else {
      // Whether the model would list a file asked for (not an asset), asked once per file; one that only
      // the editor has (not saved yet) joins while it is open.
      const refused = new Set<string>();
      const admits =
        project.kind === 'inferred'
          ? (name: string): boolean => {
              if (refused.has(name)) return false;
              if (!existsSync(name)) return this.openFile(name) !== undefined;
              const admitted = model.programInput(project, [name]).rootNames?.includes(name) === true;
              if (!admitted) refused.add(name);
              return admitted;
            }
          : undefined;
      created = this.createProject(ts, project, input.rootNames, input.options, input.projectReferences, admits);
    }
    this.projects.set(project.key, created);
    return created;
  }

  private createProject(
    ts: TypeScript,
    project: Project,
    rootNames: readonly string[],
    options: bundledTypeScript.CompilerOptions,
    projectReferences: readonly bundledTypeScript.ProjectReference[] | undefined,
    admits: ((fileName: string) => boolean) | undefined,
  ): ServiceProject {
    const fileNames = new Set(rootNames.map((name) => resolve(name)));
    const root = project.root;
    const name = project.configFile ?? `inferred from ${root}`;
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
    const packageJsons = ts.createModuleResolutionCache(root, getCanonicalFileName, options).getPackageJsonInfoCache();
    let resolutions: { epoch: number; cache: bundledTypeScript.ModuleResolutionCache } | undefined;
    const resolutionCache = (): bundledTypeScript.ModuleResolutionCache => {
      if (resolutions?.epoch !== epoch) resolutions = { epoch, cache: ts.createModuleResolutionCache(root, getCanonicalFileName, options, packageJsons) };
      return resolutions.cache;
    };
    const listed = fileNames.size;
    // The listed files and, once asked for, unlisted ones while they exist (open, or on disk).
    const scriptFileNames = (): string[] => {
      const names = [...fileNames];
      return names.length === listed ? names : names.filter((name, index) => index < listed || scriptVersion(name) !== 'missing');
    };
    // `getModuleResolutionCache` is read by the language service but missing from its public host type.
    const host: bundledTypeScript.LanguageServiceHost & Pick<bundledTypeScript.CompilerHost, 'getModuleResolutionCache'> = {
      getCompilationSettings: () => options,
      getProjectReferences: () => projectReferences,
      getScriptFileNames: scriptFileNames,
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
      getCurrentDirectory: () => root,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      getModuleResolutionCache: resolutionCache,
      resolveModuleNameLiterals: (literals, containingFile, redirectedReference, options, containingSourceFile) =>
        literals.map((literal) =>
          withWorkspacePackage(
            ts.resolveModuleName(literal.text, containingFile, options, host, resolutionCache(), redirectedReference, ts.getModeForUsageLocation(containingSourceFile, literal, options)),
            literal.text,
            containingFile,
            options,
            host,
          ),
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
      fileNames,
      admits,
      service: () => {
        if (!service) {
          service = ts.createLanguageService(host, this.registryFor(ts));
          this.log(`TypeScript ${ts.version} project ${name}: ${listed} files.`);
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

  private registryFor(ts: TypeScript): bundledTypeScript.DocumentRegistry {
    let registry = this.registries.get(ts);
    if (!registry) this.registries.set(ts, (registry = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames)));
    return registry;
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
