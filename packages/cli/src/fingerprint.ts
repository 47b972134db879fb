import { createHash } from 'node:crypto';
import type { Finding } from '@redis-lint/analyzer';

/**
 * A finding's identity that survives line shifts: hash of rule id, the reported source text
 * (whitespace removed, string contents masked so no hash of a secret is ever written) and
 * the occurrence index among equal texts of the same rule in the file. Used by the baseline and
 * SARIF `partialFingerprints`.
 */
export function fingerprints(text: string, findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const normalized = normalizeSnippet(text.slice(finding.start, finding.end));
    const key = `${finding.ruleId}\0${normalized}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32);
  });
}

export function normalizeSnippet(snippet: string): string {
  return snippet
    .replace(/(['"`])(?:\\[\s\S]|(?!\1)[\s\S])*\1/g, '$1…$1')
    .replace(/\s+/g, '');
}
