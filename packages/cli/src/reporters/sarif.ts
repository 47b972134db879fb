import { pathToFileURL } from 'node:url';
import { docsUrl, REPOSITORY_URL, UNUSED_DIRECTIVE_RULE_ID } from '@redis-lint/analyzer/findings';
import type { FileProblem } from '../file-problem.js';
import type { KeyspaceReport, ReportedFinding } from '../lint-report.js';
import { VERSION } from '../package-info.js';
import { relativePath } from '../relative-path.js';
import { ruleDocs } from '../rule-docs.js';
import type { Reporter } from './reporter.js';

interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' };
  properties: { tags: string[]; precision: string; 'problem.severity': string };
}

const CLI_DOCS = `${REPOSITORY_URL}/blob/main/docs/cli.md`;

/**
 * SARIF 2.1.0 for GitHub code scanning: stable rule ids with help, repo-relative URIs,
 * `partialFingerprints`, `fixes` from engine fixes, `results: []` when clean, and the files that
 * could not be analyzed as tool execution notifications.
 */
export const sarif: Reporter = (report) => {
  const descriptors: RuleDescriptor[] = report.rules.map(({ id, description, severity }) =>
    descriptor(id, description, docsUrl(id), ruleDocs(id), severity === 'error' ? 'error' : 'warning', ['redis']),
  );
  const findings = report.files.flatMap((file) => file.findings);
  if (findings.some((finding) => finding.ruleId === UNUSED_DIRECTIVE_RULE_ID)) {
    descriptors.push(
      descriptor(UNUSED_DIRECTIVE_RULE_ID, 'A redis-lint disable comment that suppresses nothing.', `${CLI_DOCS}#suppressions`, undefined, 'error', ['maintainability']),
    );
  }
  const indexOf = new Map(descriptors.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'redis-lint',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: REPOSITORY_URL,
            rules: descriptors,
          },
        },
        invocations: [
          {
            executionSuccessful: report.keyspace?.error === undefined,
            toolExecutionNotifications: [...report.problems.map((problem) => notification(report.root, problem)), ...keyspaceNotifications(report.keyspace)],
          },
        ],
        results: findings.map((finding) => result(finding, indexOf.get(finding.ruleId) ?? -1)),
        columnKind: 'utf16CodeUnits',
        ...(report.keyspace ? { properties: { keyspace: report.keyspace } } : {}),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function descriptor(id: string, description: string, helpUri: string, markdown: string | undefined, level: 'error' | 'warning', tags: string[]): RuleDescriptor {
  const help = markdown ?? `${description}\n\nDocumentation: ${helpUri}`;
  return {
    id,
    name: id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: description },
    helpUri,
    help: { text: help, markdown: help },
    defaultConfiguration: { level },
    properties: { tags, precision: 'high', 'problem.severity': level === 'error' ? 'error' : 'warning' },
  };
}

function result(finding: ReportedFinding, ruleIndex: number) {
  const artifactLocation = { uri: uriOf(finding.relativeFile) };
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.severity === 'error' ? 'error' : 'warning',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation,
          region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
        },
      },
    ],
    ...(finding.relatedRegions
      ? {
          relatedLocations: finding.relatedRegions.map((region, index) => ({
            id: index + 1,
            physicalLocation: {
              artifactLocation: region.file ? { uri: uriOf(region.file) } : artifactLocation,
              region: { startLine: region.startLine, startColumn: region.startColumn, endLine: region.endLine, endColumn: region.endColumn },
            },
            message: { text: region.message },
          })),
        }
      : {}),
    partialFingerprints: { 'redisLint/v1': finding.fingerprint },
    ...(finding.keyspace ? { properties: { keyspace: finding.keyspace } } : {}),
    ...(finding.fix && finding.fixRegions
      ? {
          fixes: [
            {
              description: { text: finding.fix.message },
              artifactChanges: [
                {
                  artifactLocation,
                  replacements: finding.fixRegions.map((region) => ({
                    deletedRegion: { startLine: region.startLine, startColumn: region.startColumn, endLine: region.endLine, endColumn: region.endColumn },
                    insertedContent: { text: region.text },
                  })),
                },
              ],
            },
          ],
        }
      : {}),
  };
}

function notification(root: string, problem: FileProblem) {
  return {
    level: problem.level,
    message: { text: `${relativePath(root, problem.file)}: ${problem.message}` },
    descriptor: { id: problem.kind },
    locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(relativePath(root, problem.file)) } } }],
  };
}

/** A keyspace that could not be sampled is an error of the run; facts it could not collect are warnings. */
function keyspaceNotifications(keyspace: KeyspaceReport | undefined) {
  if (!keyspace) return [];
  const notes = keyspace.error ? [{ level: 'error', text: keyspace.error }] : (keyspace.summary?.warnings ?? []).map((text) => ({ level: 'warning', text }));
  return notes.map(({ level, text }) => ({ level, message: { text }, descriptor: { id: 'keyspace' } }));
}

/** Repo-relative paths as relative URI references; files outside the repository as `file://` URIs. */
function uriOf(relativeFile: string): string {
  if (relativeFile.startsWith('/')) return pathToFileURL(relativeFile).href;
  return relativeFile.split('/').map(encodeURIComponent).join('/');
}
