import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './usage-error.js';

/** One accepted finding: rule, repo-relative POSIX file, and its line-shift-proof fingerprint. */
export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
}

interface BaselineFile {
  version: 1;
  findings: BaselineEntry[];
}

export class Baseline {
  private readonly keys: Set<string>;

  constructor(readonly entries: readonly BaselineEntry[]) {
    this.keys = new Set(entries.map(keyOf));
  }

  has(entry: BaselineEntry): boolean {
    return this.keys.has(keyOf(entry));
  }
}

function keyOf(entry: BaselineEntry): string {
  return `${entry.ruleId}\0${entry.file}\0${entry.fingerprint}`;
}

/** Reads `--baseline <file>`; a missing file is an empty baseline (the first `--update-baseline` creates it). */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Baseline([]);
    throw new UsageError(`Cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${file}: the baseline is not valid JSON; recreate it with --update-baseline.`);
  }
  const findings = (data as Partial<BaselineFile> | null)?.findings;
  if ((data as Partial<BaselineFile> | null)?.version !== 1 || !Array.isArray(findings) || !findings.every(isEntry)) {
    throw new UsageError(`${file}: not a redis-lint baseline (version 1); recreate it with --update-baseline.`);
  }
  return new Baseline(findings);
}

export function writeBaseline(file: string, entries: readonly BaselineEntry[]): void {
  const sorted = [...entries].sort((a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint));
  const content: BaselineFile = { version: 1, findings: sorted };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}

function isEntry(value: unknown): value is BaselineEntry {
  const entry = value as Partial<BaselineEntry> | null;
  return typeof entry?.ruleId === 'string' && typeof entry.file === 'string' && typeof entry.fingerprint === 'string';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
