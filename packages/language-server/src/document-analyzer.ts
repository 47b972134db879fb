import { extname } from 'node:path';
import { analyzeSourceFile, applySuppressions, ConfigError, resolveConfig, rules, type ClientVersions, type Finding, type ResolvedConfig, type UserConfig } from '@redis-lint/analyzer';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientVersionReader } from '@redis-lint/analyzer/node';
import { findingToDiagnostic } from './diagnostics.js';
import { IncrementalParser } from './incremental-parser.js';
import type { ProjectConfig, ProjectConfigs } from './project-config.js';
import type { RedisLintSettings, SettingsStore } from './settings.js';
import { TypedFacts } from './typed-facts.js';
import type { TypeScriptService } from './typescript-service.js';
import { filePathOf, type WorkspaceFolders } from './workspace-folders.js';

export interface AnalysisResult {
  uri: string;
  version: number;
  findings: Finding[];
  diagnostics: Diagnostic[];
  typed: boolean;
  /** The first answer before the program is built: the untyped findings, after an edit with the typed facts of an earlier version. The final answer follows. */
  provisional: boolean;
  durationMs: number;
  /** Of `durationMs`, the time TypeScript took to bring the program and its type checker up to date. */
  programMs?: number;
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
  /** Each result, the provisional one too. */
  analyzed(result: AnalysisResult): void;
}

const LANGUAGE_EXTENSIONS: Record<string, string> = { typescript: '.ts', typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx' };
const SCRIPT_FILE = /\.[cm]?[jt]sx?$/i;

export function isAnalyzable(document: Pick<TextDocument, 'languageId' | 'uri'>): boolean {
  return document.languageId in LANGUAGE_EXTENSIONS || SCRIPT_FILE.test(document.uri);
}

interface Target {
  fileName: string;
  filePath: string | undefined;
  folder: string | undefined;
  config: ResolvedConfig;
  clientVersions: ClientVersions;
}

/** How long a document's config lookup is trusted before the disk is asked again; a watched config file's change invalidates it at once. */
const CONFIG_RECHECK_MS = 1000;

/**
 * Runs the engine on a document's current text, once per version and settings. A document that may
 * be typed is answered twice: at once from its text alone (a parse, not a program), then with its
 * program's typed analysis. After an edit the first answer also carries the typed facts of the last
 * typed analysis; an opened document has none yet, so its first answer is the untyped one.
 */
export class DocumentAnalyzer {
  private readonly latest = new Map<string, { generation: number; result: Promise<AnalysisResult> }>();
  /** Per document, from its last final analysis: the typed facts, or `undefined` when it had no program. */
  private readonly typedFacts = new Map<string, { generation: number; facts: TypedFacts | undefined }>();
  private readonly configs = new WeakMap<RedisLintSettings, Map<ProjectConfig | undefined, ResolvedConfig>>();
  // Typing asks for the same document's target on every keystroke; its config lookup stats each directory up to the folder.
  private readonly targets = new Map<string, { generation: number; settings: RedisLintSettings; languageId: string; checkedAt: number; target: Target }>();
  private readonly parser = new IncrementalParser();
  private generation = 0;

  constructor(private readonly deps: DocumentAnalyzerDependencies) {}

  /** The final result of the document's current version; `provisional` hears of the first answer when there is one. */
  analyze(document: TextDocument, provisional?: (result: AnalysisResult) => void): Promise<AnalysisResult> {
    const cached = this.latest.get(document.uri);
    if (cached && cached.generation === this.generation) {
      const { result } = cached;
      const sameVersion = result.then((done) => done.version === document.version);
      return sameVersion.then((same) => (same ? result : this.start(document, provisional)));
    }
    return this.start(document, provisional);
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
    this.targets.delete(uri);
    this.typedFacts.delete(uri);
    this.parser.forget(uri);
  }

  private start(document: TextDocument, provisional: ((result: AnalysisResult) => void) | undefined): Promise<AnalysisResult> {
    const entry = { generation: this.generation, result: undefined as unknown as Promise<AnalysisResult> };
    const text = document.getText();
    const version = document.version;
    const early = (result: AnalysisResult): void => {
      this.deps.analyzed(result);
      provisional?.(result);
    };
    entry.result = this.deps.settings.get(document.uri).then(async (settings) => {
      try {
        return await this.run(document, text, version, settings, entry.generation, () => this.latest.get(document.uri) === entry, early);
      } catch (error) {
        // Never crash on any input: the document gets no findings and the log says why.
        this.deps.failed(document.uri, error);
        return { uri: document.uri, version, findings: [], diagnostics: [], typed: false, provisional: false, durationMs: 0 };
      }
    });
    this.latest.set(document.uri, entry);
    void entry.result.then((done) => {
      if (!done.provisional) this.deps.analyzed(done);
    }, () => undefined);
    return entry.result;
  }

  private async run(
    document: TextDocument,
    text: string,
    version: number,
    settings: RedisLintSettings,
    generation: number,
    isLatest: () => boolean,
    early: (result: AnalysisResult) => void,
  ): Promise<AnalysisResult> {
    const startedAt = performance.now();
    const result = (findings: Finding[], typed: boolean, provisional: boolean): AnalysisResult => ({
      uri: document.uri,
      version,
      findings,
      diagnostics: findings.map((finding) => findingToDiagnostic(finding, document, version)),
      typed,
      provisional,
      durationMs: performance.now() - startedAt,
    });
    if (!settings.enable || !isAnalyzable(document)) return result([], false, false);
    const target = this.target(document, settings);
    const carried = this.typedFacts.get(document.uri);
    const typeCheck = settings.typeCheck && target.filePath !== undefined;
    let untyped: Finding[] | undefined;
    // Never analyzed (just opened): no facts to carry yet, and its program may take seconds to build.
    const opened = carried === undefined;
    const carry = carried?.generation === generation ? carried.facts : undefined;
    if (typeCheck && (opened || carry)) {
      untyped = this.untypedFindings(document.uri, target, text);
      const first = result(applySuppressions(target.fileName, text, carry ? carry.carry(text, untyped) : untyped).kept, false, true);
      early(first);
      // The first answer goes out before the program is built; a newer version makes this one's typed answer moot.
      await new Promise((resolve) => setImmediate(resolve));
      if (!isLatest()) return first;
    }
    const programStartedAt = performance.now();
    const typedFile = typeCheck ? this.typedFile(document.uri, target.filePath!, target.folder) : undefined;
    const programMs = performance.now() - programStartedAt;
    if (!typedFile || typedFile.sourceFile.text !== text) {
      this.typedFacts.set(document.uri, { generation, facts: undefined });
      return result(applySuppressions(target.fileName, text, untyped ?? this.untypedFindings(document.uri, target, text)).kept, false, false);
    }
    const typed = analyzeSourceFile(typedFile.sourceFile, { config: target.config, program: typedFile.program, clientVersions: target.clientVersions });
    this.typedFacts.set(document.uri, { generation, facts: TypedFacts.of(text, typed, untyped ?? this.untypedFindings(document.uri, target, text)) });
    return { ...result(applySuppressions(target.fileName, text, typed).kept, true, false), programMs };
  }

  private target(document: TextDocument, settings: RedisLintSettings): Target {
    const now = performance.now();
    const known = this.targets.get(document.uri);
    const same = known !== undefined && known.generation === this.generation && known.settings === settings && known.languageId === document.languageId;
    if (same && now - known.checkedAt < CONFIG_RECHECK_MS) return known.target;
    const target = same ? { ...known.target, config: this.config(known.target.filePath, known.target.folder, settings) } : this.locate(document, settings);
    this.targets.set(document.uri, { generation: this.generation, settings, languageId: document.languageId, checkedAt: now, target });
    return target;
  }

  private locate(document: TextDocument, settings: RedisLintSettings): Target {
    const filePath = filePathOf(document.uri);
    const fileName = filePath ?? `/untitled/${document.uri.replace(/[^\w.-]+/g, '_')}${extname(document.uri) ? '' : (LANGUAGE_EXTENSIONS[document.languageId] ?? '.ts')}`;
    const folder = filePath === undefined ? undefined : this.deps.folders.folderOf(filePath);
    return {
      fileName,
      filePath,
      folder,
      config: this.config(filePath, folder, settings),
      clientVersions: filePath === undefined ? {} : this.deps.clientVersions.forFile(filePath),
    };
  }

  private untypedFindings(uri: string, target: Target, text: string): Finding[] {
    return analyzeSourceFile(this.parser.parse(uri, target.fileName, text), { config: target.config, clientVersions: target.clientVersions });
  }

  /** A broken project (unreadable tsconfig, a TypeScript crash) costs the file its types, not its findings. */
  private typedFile(uri: string, filePath: string, folder: string | undefined): ReturnType<TypeScriptService['typedFile']> {
    try {
      const typedFile = this.deps.typescript.typedFile(filePath, folder);
      // Created here: its crash costs types only, and its time is the program's (`programMs`).
      typedFile?.program.getTypeChecker();
      return typedFile;
    } catch (error) {
      this.deps.failed(uri, error);
      return undefined;
    }
  }

  /** `redis-lint.config.json` first (its presets and rules), the editor's `redisLint.rules` and `redisLint.cluster` over it. */
  private config(filePath: string | undefined, folder: string | undefined, settings: RedisLintSettings): ResolvedConfig {
    const project = filePath === undefined ? undefined : this.deps.projectConfigs.find(filePath, folder);
    // Both are cached objects until their source changes; resolving the rules again on every keystroke costs a parse's fraction.
    let byProject = this.configs.get(settings);
    if (!byProject) this.configs.set(settings, (byProject = new Map()));
    let config = byProject.get(project);
    if (!config) byProject.set(project, (config = this.resolve(project, settings)));
    return config;
  }

  private resolve(project: ProjectConfig | undefined, settings: RedisLintSettings): ResolvedConfig {
    if (project?.error) this.deps.warn(project.error);
    const merged: UserConfig = {
      extends: project?.config.extends,
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
