import ts = require('typescript');
import { buildFileModel, type FileModel } from '../detect/file-model.js';
import type { ClientVersions } from './client-versions.js';
import type { ResolvedConfig } from './config.js';
import { sortFindings, type Finding } from './finding.js';
import { findingKeysOf } from './finding-key.js';
import type { ReportDescriptor, RuleContext, RuleListener } from './rule.js';
import type { RedisCall } from '../detect/redis-call.js';
import { isTestFile } from './test-file.js';
import { interpolate } from './interpolate.js';
import { programMentionsClient, projectIndex } from './project-index.js';
import { wantedCommands } from './wanted-commands.js';
import { HelperCallSites } from './helper-call-sites.js';
import { projectRoundTrips } from './round-trip-summaries.js';
import { NO_FOREIGN_ROUND_TRIPS, type ForeignRoundTrips } from '../detect/round-trip-wrappers.js';

export interface AnalyzeOptions {
  config: ResolvedConfig;
  /** Typed mode: the program the file belongs to. */
  program?: ts.Program | undefined;
  clientVersions?: ClientVersions | undefined;
}

/**
 * Runs detection once and every enabled rule over it. Pure: no I/O. With a program, the file's
 * model comes from the program's index, where hot paths already follow calls across files.
 */
export function analyzeSourceFile(sourceFile: ts.SourceFile, options: AnalyzeOptions): Finding[] {
  if (options.config.rules.length === 0) return [];
  // A program none of whose files mentions a client package has no client to find: skip the checker.
  const program = options.program && programMentionsClient(options.program) ? options.program : undefined;
  const wanted = wantedCommands(options.config.rules);
  const checker = program?.getTypeChecker();
  const index = program && projectIndex(program, wanted);
  const model = index?.models.get(sourceFile) ?? buildFileModel(sourceFile, checker, checker !== undefined, wanted);
  const importedByOthers = index?.models.has(sourceFile) ? index.importedByOthers(sourceFile) : undefined;
  let linked: FileModel[] | undefined;
  const linkedModels = (): FileModel[] => (linked ??= index?.models.has(sourceFile) ? index.linkedModels(sourceFile) : []);
  const readAtCallers = index?.models.has(sourceFile) ? commandsReadAtCallers(sourceFile, model, index.importerModels(sourceFile)) : NONE;
  return runRules(sourceFile, model, options, importedByOthers, linkedModels, index ? projectRoundTrips(index.models) : NO_FOREIGN_ROUND_TRIPS, readAtCallers);
}

const NONE: ReadonlySet<RedisCall> = new Set();

/**
 * The commands of this file's helpers that files importing it read at their calls of the helper
 * (`smembers('online_users')` in a route, for `smembers: (key) => client.smembers(key)` here): judged
 * there, where the key and the path are, and not again here.
 */
function commandsReadAtCallers(sourceFile: ts.SourceFile, model: FileModel, importers: readonly FileModel[]): ReadonlySet<RedisCall> {
  if (importers.length === 0 || !model.offersHelpers) return NONE;
  const read = new Set<RedisCall>();
  for (const importer of importers) for (const call of importer.calls) if (call.through && call.through.node.getSourceFile() === sourceFile) read.add(call.through);
  return read;
}

/** Typed analysis of several files of one program; findings per file name. */
export function analyzeProject(sourceFiles: readonly ts.SourceFile[], options: AnalyzeOptions & { program: ts.Program }): Map<string, Finding[]> {
  return new Map(sourceFiles.map((sourceFile) => [sourceFile.fileName, analyzeSourceFile(sourceFile, options)]));
}

function runRules(
  sourceFile: ts.SourceFile,
  model: FileModel,
  options: AnalyzeOptions,
  importedByOthers: boolean | undefined,
  linkedModels: () => readonly FileModel[],
  foreignRoundTrips: ForeignRoundTrips,
  readAtCallers: ReadonlySet<RedisCall>,
): Finding[] {
  const findings: Finding[] = [];
  const listeners: RuleListener[] = [];
  const testFile = isTestFile(sourceFile.fileName);
  const helperCalls = new HelperCallSites(model.calls);
  for (const { rule, severity, options: ruleOptions } of options.config.rules) {
    if (testFile && ruleOptions.ignoreTestFiles === true) continue;
    const report = (descriptor: ReportDescriptor<string>): void => {
      // A node of another file (a helper's, read at this call) has no position here: never report a wrong line.
      if (!descriptor.range && descriptor.node!.getSourceFile() !== sourceFile) return;
      const [start, end] = descriptor.range ?? [descriptor.node!.getStart(sourceFile), descriptor.node!.getEnd()];
      const template = rule.meta.messages[descriptor.messageId];
      if (template === undefined) throw new Error(`${rule.id}: unknown messageId ${descriptor.messageId}`);
      const finding: Finding = {
        ruleId: rule.id,
        messageId: descriptor.messageId,
        message: interpolate(template, descriptor.data),
        ...(descriptor.data ? { data: descriptor.data } : {}),
        severity,
        file: sourceFile.fileName,
        start,
        end,
      };
      const helperCall = helperCalls.at(start, end, finding.message);
      // A helper's call is not the command: an edit written for the command would land in the caller's arguments.
      if (descriptor.related) finding.related = descriptor.related;
      else if (helperCall) finding.related = [helperCalls.relatedOf(helperCall)];
      else if (descriptor.fix && descriptor.fix.length > 0) finding.fix = { message: finding.message, edits: sortEdits(descriptor.fix) };
      if (descriptor.suggest && descriptor.suggest.length > 0 && !helperCall) {
        finding.suggestions = descriptor.suggest.map((suggestion) => ({
          messageId: suggestion.messageId,
          message: interpolate(rule.meta.messages[suggestion.messageId] ?? suggestion.messageId, suggestion.data),
          ...(suggestion.data ? { data: suggestion.data } : {}),
          edits: sortEdits(suggestion.edits),
        }));
      }
      const keys = descriptor.keys ? findingKeysOf(descriptor.keys) : [];
      if (keys.length > 0) finding.keys = keys;
      findings.push(finding);
    };
    const context: RuleContext<string, Record<string, unknown>> = {
      options: ruleOptions,
      sourceFile,
      model,
      clusterByConfig: options.config.cluster,
      clientVersions: options.clientVersions ?? {},
      isTestFile: testFile,
      importedByOthers,
      linkedModels,
      report,
    };
    listeners.push(rule.create(context));
  }
  for (const listener of listeners) for (const client of model.clients) listener.onClientCreated?.(client);
  for (const listener of listeners) for (const call of model.calls) if (!readAtCallers.has(call)) listener.onRedisCall?.(call);
  for (const listener of listeners) for (const script of model.scripts) listener.onScript?.(script);
  if (listeners.some((listener) => listener.onWrapperCall)) {
    const wrapperCalls = model.roundTripWrappers.callsIn(foreignRoundTrips);
    for (const listener of listeners) for (const call of wrapperCalls) listener.onWrapperCall?.(call);
  }
  for (const listener of listeners) listener.onEnd?.();
  return sortFindings(dedupe(findings));
}

function sortEdits<T extends { start: number; end: number }>(edits: readonly T[]): T[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    // One helper call sending several commands (a branch per value type) is one place to fix.
    const key = `${finding.ruleId}:${finding.start}:${finding.end}:${finding.related ? '' : finding.messageId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
