import { KeyspaceError, keyspaceFactsFor, parseRedisTarget, redactSecret, sampleKeyspace, type RedisTarget, type SampleOptions } from '@redis-lint/keyspace';
import type { LintReport } from '../lint-report.js';
import { UsageError } from '../usage-error.js';

export interface KeyspaceRequest {
  url: string;
  env: Readonly<Record<string, string | undefined>>;
  cluster: boolean;
  budgetMs: number | undefined;
  maxKeysPerPattern: number | undefined;
}

/** The URL and credentials, checked before the analysis starts: a bad URL is a usage error. */
export function keyspaceTarget(request: KeyspaceRequest): RedisTarget {
  try {
    return parseRedisTarget(request.url, request.env);
  } catch (error) {
    if (error instanceof KeyspaceError) throw new UsageError(`--redis-url: ${error.message}`);
    throw error;
  }
}

/**
 * Samples the keyspace for the key patterns of the reported findings and gives each finding its
 * facts; `report.keyspace` says what was done, or why it failed. Live data: never cached.
 */
export async function addKeyspaceFacts(report: LintReport, target: RedisTarget, request: KeyspaceRequest): Promise<void> {
  const findings = report.files.flatMap((file) => file.findings);
  const patterns = [...new Set(findings.flatMap((finding) => (finding.keys ?? []).map((key) => key.pattern)))].sort();
  const options: Partial<SampleOptions> = { cluster: request.cluster ? 'cluster' : 'auto' };
  if (request.budgetMs !== undefined) options.budgetMs = request.budgetMs;
  if (request.maxKeysPerPattern !== undefined) options.maxKeysPerPattern = request.maxKeysPerPattern;
  try {
    const sample = await sampleKeyspace(target, patterns, options);
    for (const finding of findings) {
      const facts = keyspaceFactsFor(finding, sample);
      if (facts) finding.keyspace = facts;
    }
    report.keyspace = { target: target.display, summary: sample.summary };
  } catch (error) {
    const message = error instanceof KeyspaceError ? error.message : `sampling ${target.display} failed: ${error instanceof Error ? error.message : String(error)}`;
    report.keyspace = { target: target.display, error: redactSecret(message, target) };
  }
}
