import { relativePath } from '../relative-path.js';
import { totalsOf } from '../lint-report.js';
import type { Reporter } from './reporter.js';

/** Machine-readable: every analyzed file with its findings (positions, fingerprint, fix, suggestions), problems and totals. */
export const json: Reporter = (report) => {
  const totals = totalsOf(report);
  const output = {
    files: report.files.map((file) => ({
      file: file.relativeFile,
      findings: file.findings.map((finding) => ({
        ruleId: finding.ruleId,
        messageId: finding.messageId,
        severity: finding.severity,
        message: finding.message,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        start: finding.start,
        end: finding.end,
        fingerprint: finding.fingerprint,
        ...(finding.fix ? { fix: finding.fix } : {}),
        ...(finding.suggestions ? { suggestions: finding.suggestions.map(({ messageId, message, edits }) => ({ messageId, message, edits })) } : {}),
        ...(finding.keyspace ? { keyspace: finding.keyspace } : {}),
        ...(finding.relatedRegions
          ? { related: finding.relatedRegions.map(({ file, message, startLine, startColumn, endLine, endColumn }) => ({ ...(file ? { file } : {}), message, line: startLine, column: startColumn, endLine, endColumn })) }
          : {}),
      })),
    })),
    problems: report.problems.map((problem) => ({ ...problem, file: relativePath(report.root, problem.file) })),
    summary: { files: report.files.length, errors: totals.errors, warnings: totals.warnings, fixable: totals.fixable, baselined: report.baselined, fixed: report.fixed },
    ...(report.keyspace ? { keyspace: report.keyspace } : {}),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
};
