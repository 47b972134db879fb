import ts = require('typescript');
import { analyzeSourceFile, applySuppressions, BINARY_FILE_DIAGNOSTIC, parseFile, syntaxErrors, untypedAnalysisMayFind, type ClientVersions, type Finding, type ResolvedConfig } from '@redis-lint/analyzer';
import type { FileAnalysis } from './analyzed-file.js';
import type { FileProblem } from './file-problem.js';
import { LineIndex } from '@redis-lint/analyzer';
import type { ProjectIndex } from './project.js';
import { readSourceText } from './source-text.js';

export interface AnalyzeFileOptions {
  config: ResolvedConfig;
  projects: ProjectIndex | undefined;
  clientVersions: ClientVersions;
  reportUnusedDisableDirectives: boolean;
  /** Typed findings already computed for the whole program (see `program-analysis.ts`), by file name. */
  projectFindings?: ReadonlyMap<string, Finding[]> | undefined;
}

/** One file through the engine. Never throws: whatever goes wrong becomes one problem naming the file. */
export function analyzeFile(file: string, options: AnalyzeFileOptions): FileAnalysis {
  const source = readSourceText(file);
  if (!source.ok) return { analyzed: undefined, problems: [{ file, level: source.kind === 'binary-file' ? 'warning' : 'error', kind: source.kind, message: source.message }] };
  const problems: FileProblem[] = [];
  if (!source.validUtf8 && !source.bom) problems.push({ file, level: 'warning', kind: 'invalid-encoding', message: 'Not valid UTF-8: invalid bytes were read as U+FFFD and the file is never rewritten by --fix.' });

  const typed = options.projects ? safely(() => options.projects!.sourceFileFor(file)) : undefined;
  if (typed && 'error' in typed) problems.push(crashProblem(file, typed.error, 'while building its TypeScript program'));
  const program = typed && !('error' in typed) ? typed.value : undefined;

  let sourceFile: ts.SourceFile | undefined = program?.sourceFile;
  let findings: Finding[] | undefined;
  if (program && sourceFile) {
    const whole = options.projectFindings?.get(program.sourceFile.fileName);
    const result = whole ? { value: whole } : safely(() => analyzeSourceFile(program.sourceFile, { config: options.config, program: program.program, clientVersions: options.clientVersions }));
    if ('value' in result) findings = result.value;
    else sourceFile = undefined;
  }
  if (!findings && !untypedAnalysisMayFind(source.text, options.config)) {
    // Untyped, no rule finds anything in such a file (most of a project's files): it is not parsed, so its syntax errors are not reported.
    findings = [];
  } else if (!findings) {
    const parsed = safely(() => parseFile(file, source.text));
    if ('error' in parsed) return { analyzed: undefined, problems: [...problems, crashProblem(file, parsed.error, 'while parsing')] };
    sourceFile = parsed.value;
    const result = safely(() => analyzeSourceFile(parsed.value, { config: options.config, clientVersions: options.clientVersions }));
    if ('error' in result) return { analyzed: undefined, problems: [...problems, crashProblem(file, result.error, 'while analyzing')] };
    findings = result.value;
  }
  const text = sourceFile?.text ?? source.text;
  const lines = new LineIndex(text);
  const suppressed = safely(() => applySuppressions(file, text, findings!, options.reportUnusedDisableDirectives, lines));
  if ('error' in suppressed) return { analyzed: undefined, problems: [...problems, crashProblem(file, suppressed.error, 'while reading its disable comments')] };
  // U+FFFD from invalid bytes makes TypeScript call the file binary; the encoding problem already says so.
  const syntax = sourceFile ? safely(() => syntaxErrors(sourceFile).filter((error) => source.validUtf8 || error.code !== BINARY_FILE_DIAGNOSTIC)) : { value: [] };
  if ('value' in syntax && syntax.value.length > 0) {
    const first = syntax.value[0]!;
    const at = lines.positionOf(first.start);
    const more = syntax.value.length > 1 ? ` (and ${syntax.value.length - 1} more)` : '';
    problems.push({ file, level: 'warning', kind: 'syntax-error', message: `Syntax error at ${at.line}:${at.column}: ${first.message}${more}; the rest of the file was analyzed.` });
  }
  return {
    analyzed: { file, text, bom: source.bom, writable: source.validUtf8 && text === source.text, lines, findings: suppressed.value.kept, unusedDirectives: suppressed.value.unused, typed: program !== undefined && findings !== undefined && sourceFile === program.sourceFile },
    problems,
  };
}

function safely<T>(work: () => T): { value: T } | { error: unknown } {
  try {
    return { value: work() };
  } catch (error) {
    return { error };
  }
}

function crashProblem(file: string, error: unknown, during: string): FileProblem {
  if (error instanceof RangeError) {
    return { file, level: 'error', kind: 'too-deeply-nested', message: `Skipped: the code is nested too deeply to analyze (${error.message} ${during}).` };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { file, level: 'error', kind: 'internal-error', message: `Internal error ${during}: ${reason.split('\n')[0]}. Please report it.` };
}
