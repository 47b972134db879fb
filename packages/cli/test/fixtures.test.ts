import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText, applySuppressions, type UserConfig } from '@redis-lint/analyzer';
import { compareWithAnnotations, formatMismatch, listFixtureFiles, parseAnnotations, FIXTURES_CONFIG, FIXTURES_ROOT } from '../../../test-support/annotations.js';
import { listFixtureProjects } from '../../../test-support/fixture-projects.js';
import { REPO_ROOT, runCli } from './cli-process.js';

interface SarifLog {
  runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }>;
}

describe('the CLI over fixtures/', () => {
  it('reports in SARIF exactly the annotated findings (typed where a tsconfig exists)', () => {
    const result = runCli(['fixtures', '--config', FIXTURES_CONFIG, '--format', 'sarif'], REPO_ROOT);
    expect(result.stderr).toBe('');
    const log = JSON.parse(result.stdout) as SarifLog;
    const findings = log.runs[0]!.results.map((item) => ({
      file: path.join(REPO_ROOT, decodeURIComponent(item.locations[0]!.physicalLocation.artifactLocation.uri)),
      line: item.locations[0]!.physicalLocation.region.startLine,
      ruleId: item.ruleId,
    }));
    const annotations = listFixtureFiles(FIXTURES_ROOT).flatMap((file) => parseAnnotations(file, fs.readFileSync(file, 'utf8')));
    expect(annotations.length).toBeGreaterThan(0);
    const mismatch = compareWithAnnotations(annotations, findings);
    expect(formatMismatch(mismatch, REPO_ROOT)).toBe('');
  });

  // Untyped, the CLI does not parse a file in which no rule can find anything: what it reports must still be the engine's findings, file by file.
  it('reports untyped exactly what the engine finds untyped in every fixture file, parsed or skipped', () => {
    const result = runCli(['fixtures', '--config', FIXTURES_CONFIG, '--no-type-check', '--format', 'json', '--exit-zero'], REPO_ROOT);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { files: Array<{ file: string; findings: Array<{ ruleId: string; start: number }> }> };
    const cli = report.files.flatMap((file) => file.findings.map((finding) => `${file.file} ${finding.start} ${finding.ruleId}`)).sort();
    const { $schema: _schema, ...config } = JSON.parse(fs.readFileSync(FIXTURES_CONFIG, 'utf8')) as UserConfig & { $schema?: string };
    const engine = listFixtureProjects()
      .flatMap((project) =>
        project.files.flatMap((file) => {
          const text = fs.readFileSync(file, 'utf8');
          const name = path.relative(REPO_ROOT, file);
          return applySuppressions(file, text, analyzeText(file, text, config, project.clientVersions)).kept.map((finding) => `${name} ${finding.start} ${finding.ruleId}`);
        }),
      )
      .sort();
    expect(cli.length).toBeGreaterThan(50);
    expect(cli).toEqual(engine);
  });
});

