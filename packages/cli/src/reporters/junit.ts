import { relativePath } from '../relative-path.js';
import type { Reporter } from './reporter.js';

/** JUnit XML: a test suite per analyzed file, a failing test case per finding, an error per file problem. */
export const junit: Reporter = (report) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const problemsByFile = new Map<string, typeof report.problems>();
  for (const problem of report.problems) problemsByFile.set(problem.file, [...(problemsByFile.get(problem.file) ?? []), problem]);
  const analyzed = new Set(report.files.map((file) => file.file));
  const suite = (name: string, cases: string[], suiteFailures: number, suiteErrors: number): void => {
    tests += cases.length;
    failures += suiteFailures;
    errors += suiteErrors;
    suites.push(`  <testsuite name="${attr(name)}" tests="${cases.length}" failures="${suiteFailures}" errors="${suiteErrors}">\n${cases.join('\n')}\n  </testsuite>`);
  };
  for (const file of report.files) {
    const cases = file.findings.map(
      (finding) =>
        `    <testcase classname="${attr(file.relativeFile)}" name="${attr(`${finding.ruleId} at ${finding.line}:${finding.column}`)}">\n` +
        `      <failure type="${finding.severity}" message="${attr(finding.message)}">${text(`${file.relativeFile}:${finding.line}:${finding.column} ${finding.severity} ${finding.message} (${finding.ruleId})`)}</failure>\n` +
        `    </testcase>`,
    );
    const problems = (problemsByFile.get(file.file) ?? []).map((problem) => problemCase(file.relativeFile, problem));
    if (cases.length === 0 && problems.length === 0) cases.push(`    <testcase classname="${attr(file.relativeFile)}" name="redis-lint" />`);
    suite(file.relativeFile, [...problems, ...cases], file.findings.length, problems.length);
  }
  for (const [file, problems] of problemsByFile) {
    if (analyzed.has(file)) continue;
    const name = relativePath(report.root, file);
    suite(name, problems.map((problem) => problemCase(name, problem)), 0, problems.length);
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="redis-lint" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
};

function problemCase(file: string, problem: { kind: string; message: string }): string {
  return `    <testcase classname="${attr(file)}" name="${attr(problem.kind)}">\n      <error type="${attr(problem.kind)}" message="${attr(problem.message)}" />\n    </testcase>`;
}

function text(value: string): string {
  // XML 1.0 forbids most control characters even when escaped.
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
