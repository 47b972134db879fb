import { extname } from 'node:path';
import { analyzeSourceFile, applySuppressions, ConfigError, parseFile, resolveConfig, rules, type Finding, type ResolvedConfig, type UserConfig } from '@redis-lint/analyzer';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientVersionReader } from '@redis-lint/analyzer/node';
import { findingToDiagnostic } from './diagnostics.js';
import type { ProjectConfigs } from './project-config.js';
import type { RedisLintSettings, SettingsStore } from './settings.js';
import type { TypeScriptService } from './typescript-service.js';
import { filePathOf, type WorkspaceFolders } from './workspace-folders.js';

export interface AnalysisResult {
  uri: string;
  version: number;
  findings: Finding[];
  diagnostics: Diagnostic[];
  typed: boolean;
  durationMs: number;
}

export interface DocumentAnalyzerDependencies {
  settings: SettingsStore;
  folders: WorkspaceFolders;
  typescript: TypeScriptService;
  projectConfigs: ProjectConfigs;
  clientVersions: ClientVersionReader;
  /** Reported once per distinct problem (a bad rule name in the settings, a broken config file). */
  warn(message: string): void;
  /** The engine threw on a document. */
  failed(uri: string, error: unknown): void;
  analyzed(result: AnalysisResult): void;
}

const LANGUAGE_EXTENSIONS: Record<string, string> = { typescript: '.ts', typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx' };
const SCRIPT_FILE = /\.[cm]?[jt]sx?$/i;

export function isAnalyzable(document: Pick<TextDocument, 'languageId' | 'uri'>): boolean {
  return document.languageId in LANGUAGE_EXTENSIONS || SCRIPT_FILE.test(document.uri);
}

/** Runs the engine on a document's current text, once per version and settings. */
export class DocumentAnalyzer {
  private readonly latest = new Map<string, { generation: number; result: Promise<AnalysisResult> }>();
  private generation = 0;

  constructor(private readonly deps: DocumentAnalyzerDependencies) {}

  analyze(document: TextDocument): Promise<AnalysisResult> {
    const cached = this.latest.get(document.uri);
    if (cached && cached.generation === this.generation) {
      const { result } = cached;
      const sameVersion = result.then((done) => done.version === document.version);
      return sameVersion.then((same) => (same ? result : this.start(document)));
    }
    return this.start(document);
  }

  /** The last finished analysis of a document, whatever its version. */
  async lastResult(uri: string): Promise<AnalysisResult | undefined> {
    return this.latest.get(uri)?.result;
  }

  /** Settings, config files or dependencies changed: every document is analyzed anew. */
  invalidate(): void {
    this.generation++;
  }

  forget(uri: string): void {
    this.latest.delete(uri);
  }

  private start(document: TextDocument): Promise<AnalysisResult> {
    const generation = this.generation;
    const text = document.getText();
    const version = document.version;
    const result = this.deps.settings.get(document.uri).then((settings) => {
      try {
        return this.run(document, text, version, settings);
      } catch (error) {
        // Never crash on any input: the document gets no findings and the log says why.
        this.deps.failed(document.uri, error);
        return { uri: document.uri, version, findings: [], diagnostics: [], typed: false, durationMs: 0 };
      }
    });
    this.latest.set(document.uri, { generation, result });
    void result.then((done) => this.deps.analyzed(done), () => undefined);
    return result;
  }

  private run(document: TextDocument, text: string, version: number, settings: RedisLintSettings): AnalysisResult {
    const startedAt = performance.now();
    const empty = { uri: document.uri, version, findings: [], diagnostics: [], typed: false };
    if (!settings.enable || !isAnalyzable(document)) return { ...empty, durationMs: performance.now() - startedAt };
    const filePath = filePathOf(document.uri);
    const fileName = filePath ?? `/untitled/${document.uri.replace(/[^\w.-]+/g, '_')}${extname(document.uri) ? '' : (LANGUAGE_EXTENSIONS[document.languageId] ?? '.ts')}`;
    const folder = filePath === undefined ? undefined : this.deps.folders.folderOf(filePath);
    const config = this.config(filePath, folder, settings);
    const typedFile = settings.typeCheck && filePath !== undefined ? this.typedFile(document.uri, filePath, folder) : undefined;
    const sourceFile = typedFile?.sourceFile.text === text ? typedFile.sourceFile : parseFile(fileName, text);
    const program = typedFile?.sourceFile === sourceFile ? typedFile.program : undefined;
    const clientVersions = filePath === undefined ? {} : this.deps.clientVersions.forFile(filePath);
    const findings = applySuppressions(fileName, text, analyzeSourceFile(sourceFile, { config, program, clientVersions })).kept;
    const diagnostics = findings.map((finding) => findingToDiagnostic(finding, document, version));
    return { uri: document.uri, version, findings, diagnostics, typed: program !== undefined, durationMs: performance.now() - startedAt };
  }

  /** A broken project (unreadable tsconfig, a TypeScript crash) costs the file its types, not its findings. */
  private typedFile(uri: string, filePath: string, folder: string | undefined): ReturnType<TypeScriptService['typedFile']> {
    try {
      return this.deps.typescript.typedFile(filePath, folder);
    } catch (error) {
      this.deps.failed(uri, error);
      return undefined;
    }
  }

  /** `redis-lint.config.json` first, the editor's `redisLint.rules` and `redisLint.cluster` over it. */
  private config(filePath: string | undefined, folder: string | undefined, settings: RedisLintSettings): ResolvedConfig {
    const project = filePath === undefined ? undefined : this.deps.projectConfigs.find(filePath, folder);
    if (project?.error) this.deps.warn(project.error);
    const merged: UserConfig = {
      rules: this.knownRules({ ...project?.config.rules, ...settings.rules }),
      cluster: settings.cluster || project?.config.cluster === true,
    };
    try {
      return resolveConfig(rules, merged);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.deps.warn(`redis-lint: ${error.message} Using the recommended rules.`);
      return resolveConfig(rules, { cluster: merged.cluster ?? false });
    }
  }

  private knownRules(settings: NonNullable<UserConfig['rules']>): NonNullable<UserConfig['rules']> {
    const known = new Set(rules.map((rule) => rule.id));
    const kept: NonNullable<UserConfig['rules']> = {};
    for (const [id, setting] of Object.entries(settings)) {
      if (known.has(id.replace(/^@redis-lint\//, ''))) kept[id] = setting;
      else this.deps.warn(`redis-lint: unknown rule "${id}" in the settings is ignored. Known rules: ${[...known].join(', ')}.`);
    }
    return kept;
  }
}
