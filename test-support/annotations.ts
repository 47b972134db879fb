/**
 * The fixture annotation format, shared by every parity test (engine, CLI, ESLint, language server).
 *
 * On the line directly above a site, a comment names the rules expected there:
 *
 *     // ruleid: no-keys-command                 a finding of this rule must start on the next line
 *     // ok: no-keys-command, no-unbounded-reads  no finding of these rules may start on the next line
 *
 * Consecutive annotation lines stack and all apply to the first line below them that is not an
 * annotation. Text after ` -- ` is a free-form reason. Inside a Lua script embedded in a template
 * literal, write the same annotation as a Lua comment: `-- ruleid: no-keys-command`.
 *
 * Lines are 1-based. A finding's line is the line of its start offset.
 */
import path from 'node:path';

export type AnnotationKind = 'ruleid' | 'ok';

/** One expectation written in a fixture. */
export interface Annotation {
  file: string;
  /** 1-based line the expectation is about (the line below the comment). */
  line: number;
  ruleId: string;
  kind: AnnotationKind;
}

/** A finding as any host reports it, reduced to what annotations speak about. */
export interface ReportedFinding {
  file: string;
  /** 1-based line of the finding's start. */
  line: number;
  ruleId: string;
}

export interface Mismatch {
  /** `ruleid` annotations with no finding of that rule on their line. */
  missing: Annotation[];
  /** Findings on a line with no `ruleid` annotation for their rule (including `ok` lines). */
  unexpected: ReportedFinding[];
}

const ANNOTATION = /^\s*(?:\/\/|--)\s*(ruleid|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?:--\s.*)?$/;

/** The annotations of one file. `file` is copied into each result as given. */
export function parseAnnotations(file: string, text: string): Annotation[] {
  const lines = text.split(/\r?\n/);
  const result: Annotation[] = [];
  let pending: Array<{ kind: AnnotationKind; ruleId: string }> = [];
  lines.forEach((lineText, index) => {
    const match = ANNOTATION.exec(lineText);
    if (match) {
      const kind = match[1] as AnnotationKind;
      for (const ruleId of match[2]!.split(',')) pending.push({ kind, ruleId: ruleId.trim() });
      return;
    }
    for (const { kind, ruleId } of pending) result.push({ file, line: index + 1, ruleId, kind });
    pending = [];
  });
  if (pending.length > 0) throw new Error(`${file}: annotation on the last line has no line below it`);
  return result;
}

/** 1-based line of a UTF-16 offset in `text`. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let index = 0; index < end; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}

/** Compares reported findings with the annotations of the same files. Files are compared as resolved paths. */
export function compareWithAnnotations(annotations: readonly Annotation[], findings: readonly ReportedFinding[]): Mismatch {
  const siteKey = (file: string, line: number, ruleId: string): string => `${normalize(file)}:${line}:${ruleId}`;
  const expected = new Set(annotations.filter((a) => a.kind === 'ruleid').map((a) => siteKey(a.file, a.line, a.ruleId)));
  const reported = new Set(findings.map((f) => siteKey(f.file, f.line, f.ruleId)));
  const missing = annotations.filter((a) => a.kind === 'ruleid' && !reported.has(siteKey(a.file, a.line, a.ruleId)));
  const unexpected = findings.filter((f) => !expected.has(siteKey(f.file, f.line, f.ruleId)));
  return { missing: dedupeBySite(missing), unexpected: dedupeBySite(unexpected) };
}

/** A readable list for assertion messages: `missing  express-ioredis/src/server.ts:12 no-keys-command`. */
export function formatMismatch(mismatch: Mismatch, relativeTo = process.cwd()): string {
  const row = (label: string, site: ReportedFinding): string => `${label} ${path.relative(relativeTo, site.file).replace(/\\/g, '/')}:${site.line} ${site.ruleId}`;
  return [...mismatch.missing.map((site) => row('missing   ', site)), ...mismatch.unexpected.map((site) => row('unexpected', site))].join('\n');
}

function normalize(file: string): string {
  return path.resolve(file).replace(/\\/g, '/');
}

function dedupeBySite<T extends ReportedFinding>(sites: T[]): T[] {
  const seen = new Set<string>();
  return sites.filter((site) => {
    const key = `${normalize(site.file)}:${site.line}:${site.ruleId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { listFixtureFiles, listFixtureProjects, FIXTURES_ROOT, FIXTURES_CONFIG, type FixtureProject } from './fixture-projects.js';
