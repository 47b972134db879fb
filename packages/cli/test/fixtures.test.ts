import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithAnnotations, formatMismatch, listFixtureFiles, parseAnnotations, FIXTURES_CONFIG, FIXTURES_ROOT } from '../../../test-support/annotations.js';
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
});
