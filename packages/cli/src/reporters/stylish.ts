import path from 'node:path';
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
    for (const problem of problemsByFile.get(name) ?? []) rows.push(['-', problem.level === 'error' ? c.red('error') : c.yellow('warning'), problem.message, c.dim(problem.kind)]);
    for (const finding of findingsByFile.get(name) ?? []) rows.push(findingRow(finding, c));
    out.push(c.underline(display(name)));
    out.push(...table(rows).map((row) => `  ${row}`));
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
  return `${out.join('\n')}\n`;
};

function findingRow(finding: ReportedFinding, c: ReturnType<typeof colors>): string[] {
  return [c.dim(`${finding.line}:${finding.column}`), finding.severity === 'error' ? c.red('error') : c.yellow('warning'), finding.message, c.dim(finding.ruleId)];
}

function table(rows: readonly string[][]): string[] {
  const visible = (text: string): number => text.replace(/\u001b\[\d+m/g, '').length;
  const widths = [0, 1].map((column) => Math.max(0, ...rows.map((row) => visible(row[column] ?? ''))));
  return rows.map((row) => {
    const [position = '', level = '', message = '', rule = ''] = row;
    return `${position}${' '.repeat(widths[0]! - visible(position))}  ${level}${' '.repeat(widths[1]! - visible(level))}  ${message}  ${rule}`;
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
