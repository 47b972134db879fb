import { compareImpact, impactOf, type Impact } from '@redis-lint/keyspace/facts';
import type { LintReport, ReportedFinding } from '../lint-report.js';

/**
 * `--sort impact`: within each file the findings with the largest measured impact first, and the
 * files by their largest finding; findings without facts keep their order after the measured ones.
 */
export function sortByImpact(report: LintReport): void {
  const impacts = new Map<ReportedFinding, Impact>();
  const impact = (finding: ReportedFinding): Impact => {
    let known = impacts.get(finding);
    if (!known) impacts.set(finding, (known = impactOf(finding.keyspace)));
    return known;
  };
  for (const file of report.files) file.findings.sort((a, b) => compareImpact(impact(a), impact(b)));
  const none: Impact = { bytes: 0, count: 0 };
  const largest = (findings: readonly ReportedFinding[]): Impact => (findings[0] ? impact(findings[0]) : none);
  report.files.sort((a, b) => compareImpact(largest(a.findings), largest(b.findings)));
}
