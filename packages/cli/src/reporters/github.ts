import { relativePath } from '../relative-path.js';
import type { Reporter } from './reporter.js';

/** GitHub Actions workflow commands: one annotation per finding and per problem file. */
export const github: Reporter = (report) => {
  const lines: string[] = [];
  for (const problem of report.problems) {
    lines.push(`::${problem.level === 'error' ? 'error' : 'warning'} file=${property(relativePath(report.root, problem.file))},title=${property(`redis-lint (${problem.kind})`)}::${data(problem.message)}`);
  }
  for (const file of report.files) {
    for (const finding of file.findings) {
      const where = [`file=${property(file.relativeFile)}`, `line=${finding.line}`, `col=${finding.column}`, `endLine=${finding.endLine}`, `endColumn=${finding.endColumn}`, `title=${property(finding.ruleId)}`];
      lines.push(`::${finding.severity === 'error' ? 'error' : 'warning'} ${where.join(',')}::${data(finding.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};

/** Escaping of the GitHub Actions toolkit (`@actions/core` `escapeData` / `escapeProperty`). */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
