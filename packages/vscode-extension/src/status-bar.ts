import { StatusBarAlignment, window, type StatusBarItem } from 'vscode';
import type { AnalysisDoneParams } from './protocol.js';
import { SHOW_OUTPUT_COMMAND } from './commands.js';

/** The status bar item: when the last analysis finished, what it found, and how long it took. */
export class AnalysisStatus {
  private readonly item: StatusBarItem;

  constructor() {
    this.item = window.createStatusBarItem('redisLint.status', StatusBarAlignment.Right, 100);
    this.item.name = 'redis-lint';
    this.item.text = '$(database) redis-lint';
    this.item.tooltip = 'redis-lint: waiting for the first analysis';
    this.item.command = SHOW_OUTPUT_COMMAND;
    this.item.show();
  }

  update(params: AnalysisDoneParams): void {
    this.item.text = `$(database) redis-lint ${timeOfDay(params.finishedAt)}`;
    this.item.tooltip = statusTooltip(params);
  }

  dispose(): void {
    this.item.dispose();
  }
}

export function statusTooltip(params: AnalysisDoneParams): string {
  const file = decodeURIComponent(params.uri.replace(/^.*\//, ''));
  const problems = params.findingCount === 1 ? '1 problem' : `${params.findingCount} problems`;
  const mode = params.provisional ? 'first pass, typed check running' : params.typed ? 'typed' : 'untyped';
  return `redis-lint: last analysis at ${timeOfDay(params.finishedAt)} of ${file} (${mode}): ${problems} in ${params.durationMs} ms`;
}

function timeOfDay(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
