import { LineIndex } from '@redis-lint/analyzer/findings';
import type { AnalyzedFile } from './analyzed-file.js';
import { fingerprints } from './fingerprint.js';

/**
 * What reporting a file's findings needs of its text: where its lines start and each finding's
 * fingerprint. Kept in the file's cache entry, so a run that reuses the entry does not read the file.
 */
export interface ReportingFacts {
  lineStarts: number[];
  fingerprints: string[];
  directiveFingerprints: string[];
}

/** Only a file with something to report needs them. */
export function reportingFactsOf(analyzed: AnalyzedFile): ReportingFacts | undefined {
  if (analyzed.findings.length === 0 && analyzed.unusedDirectives.length === 0) return undefined;
  return {
    lineStarts: [...analyzed.lines.lineStarts],
    fingerprints: fingerprints(analyzed.text, analyzed.findings),
    directiveFingerprints: fingerprints(analyzed.text, analyzed.unusedDirectives),
  };
}

/** The line index the facts describe, when they fit the findings they were stored with (else the file is read). */
export function linesFromFacts(facts: ReportingFacts | undefined, findings: number, unusedDirectives: number): LineIndex | undefined {
  if (!facts || !Array.isArray(facts.lineStarts) || facts.lineStarts[0] !== 0) return undefined;
  if (!Array.isArray(facts.fingerprints) || facts.fingerprints.length !== findings) return undefined;
  if (!Array.isArray(facts.directiveFingerprints) || facts.directiveFingerprints.length !== unusedDirectives) return undefined;
  return LineIndex.fromStarts(facts.lineStarts);
}
