import path from 'node:path';
import { describeKeyspaceFacts, describeKeyspaceSummary } from '@redis-lint/keyspace/facts';
import type { FileProblem } from '../file-problem.js';
import { totalsOf, type ReportedFinding } from '../lint-report.js';
import { colors } from './colors.js';
import type { Reporter } from './reporter.js';

/** ESLint-like: findings grouped by file, aligned columns, one summary line. */
export const stylish: Reporter = (report, options) => {
  const c = colors(options.color);
  const display = (file: string): string => path.relative(report.cwd, file).split(path.sep).join('/') || file;
  const problemsByFile = new Map<string, FileProblem[]>();
  for (const problem of report.problems) problemsByFile.set(problem.file, [...(problemsByFile.get(problem.file) ?? []), problem]);
  const findingsByFile = new Map(report.files.filter((file) => file.findings.length > 0).map((file) => [file.file, file.findings]));
  const names = [...new Set([...findingsByFile.keys(), ...problemsByFile.keys()])].sort();

  const out: string[] = [];
  for (const name of names) {
    const rows: string[][] = [];
    const details: Array<string | undefined> = [];
    for (const problem of problemsByFile.get(name) ?? []) {
      rows.push(['-', problem.level === 'error' ? c.red('error') : c.yellow('warning'), problem.message, c.dim(problem.kind)]);
      details.push(undefined);
    }
    for (const finding of findingsByFile.get(name) ?? []) {
      rows.push(findingRow(finding, c));
      details.push(finding.keyspace ? describeKeyspaceFacts(finding.keyspace, finding.keys) : undefined);
      for (const region of finding.relatedRegions ?? []) {
        rows.push(['', '', c.dim(`↳ ${region.file ? `${region.file}:` : ''}${region.startLine}:${region.startColumn} ${region.message}`), '']);
        details.push(undefined);
      }
    }
    out.push(c.underline(display(name)));
    const { lines, messageColumn } = table(rows);
    lines.forEach((line, index) => {
      out.push(`  ${line}`);
      const detail = details[index];
      if (detail) out.push(`  ${' '.repeat(messageColumn)}${c.dim(`↳ ${detail}`)}`);
    });
    out.push('');
  }
  const totals = totalsOf(report);
  const count = totals.errors + totals.warnings;
  const fileCount = `${report.files.length} file${report.files.length === 1 ? '' : 's'}`;
  if (count === 0) out.push(c.green(`✔ No problems found in ${fileCount}.`));
  else {
    const summary = `✖ ${count} problem${count === 1 ? '' : 's'} (${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}) in ${fileCount}.`;
    out.push(c.bold(totals.errors > 0 ? c.red(summary) : c.yellow(summary)));
    if (totals.fixable > 0) out.push(c.dim(`  ${plural(totals.fixable, 'problem')} potentially fixable with the \`--fix\` option.`));
  }
  if (report.fixed > 0) out.push(c.dim(`  ${plural(report.fixed, 'problem')} fixed.`));
  if (report.baselined > 0) out.push(c.dim(`  ${plural(report.baselined, 'known problem')} hidden by the baseline.`));
  const unanalyzed = report.problems.filter((problem) => problem.level === 'error').length;
  if (unanalyzed > 0) out.push(c.red(`  ${plural(unanalyzed, 'file')} could not be analyzed.`));
  const keyspace = report.keyspace;
  if (keyspace?.summary) out.push(c.dim(`  Keyspace of ${keyspace.target}: ${describeKeyspaceSummary(keyspace.summary)}.`));
  if (keyspace?.error) out.push(c.red(`  Keyspace not sampled: ${keyspace.error}`));
  return `${out.join('\n')}\n`;
};

function findingRow(finding: ReportedFinding, c: ReturnType<typeof colors>): string[] {
  return [c.dim(`${finding.line}:${finding.column}`), finding.severity === 'error' ? c.red('error') : c.yellow('warning'), finding.message, c.dim(finding.ruleId)];
}

/** The rows aligned, and where their message column starts (a finding's keyspace line is indented to it). */
function table(rows: readonly string[][]): { lines: string[]; messageColumn: number } {
  const visible = (text: string): number => text.replace(/\u001b\[\d+m/g, '').length;
  const widths = [0, 1].map((column) => Math.max(0, ...rows.map((row) => visible(row[column] ?? ''))));
  const lines = rows.map((row) => {
    const [position = '', level = '', message = '', rule = ''] = row;
    return `${position}${' '.repeat(widths[0]! - visible(position))}  ${level}${' '.repeat(widths[1]! - visible(level))}  ${message}  ${rule}`;
  });
  return { lines, messageColumn: widths[0]! + 2 + widths[1]! + 2 };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
