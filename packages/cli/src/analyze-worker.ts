import { workerData, type MessagePort } from 'node:worker_threads';
import { ruleById, type ClientVersions, type ResolvedConfig, type Severity } from '@redis-lint/analyzer';
import { analyzeFile } from './analyze-file.js';
import type { AnalyzedFile } from './analyzed-file.js';
import type { FileProblem } from './file-problem.js';

/** A resolved config as plain data (rule definitions hold functions and cannot cross a thread). */
export interface PortableConfig {
  rules: Array<{ id: string; severity: Severity; options: Record<string, unknown> }>;
  cluster: boolean;
}

export interface WorkerSetup {
  port: MessagePort;
  /** Incremented after every message to the main thread, which blocks on it with `Atomics.wait`. */
  signal: Int32Array;
  config: PortableConfig;
  reportUnusedDisableDirectives: boolean;
}

export interface WorkerTask {
  index: number;
  file: string;
  clientVersions: ClientVersions;
}

export type PortableAnalyzedFile = Omit<AnalyzedFile, 'lines'>;

export interface WorkerResult {
  index: number;
  analyzed: PortableAnalyzedFile | undefined;
  problems: FileProblem[];
}

export type ToWorker = { type: 'analyze'; tasks: WorkerTask[] } | { type: 'stop' };
export type FromWorker = { type: 'ready' } | { type: 'done'; results: WorkerResult[] };

export function portableConfig(config: ResolvedConfig): PortableConfig {
  return { rules: config.rules.map(({ rule, severity, options }) => ({ id: rule.id, severity, options })), cluster: config.cluster };
}

function resolvedConfig(config: PortableConfig): ResolvedConfig {
  return {
    rules: config.rules.map(({ id, severity, options }) => {
      const rule = ruleById(id);
      if (!rule) throw new Error(`unknown rule ${id} in a worker`);
      return { rule, severity, options };
    }),
    cluster: config.cluster,
  };
}

/** Untyped analysis of batches of files, in a worker thread (see `worker-pool.ts`). */
function serve(setup: WorkerSetup): void {
  const config = resolvedConfig(setup.config);
  const send = (message: FromWorker): void => {
    setup.port.postMessage(message);
    Atomics.add(setup.signal, 0, 1);
    Atomics.notify(setup.signal, 0);
  };
  setup.port.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      setup.port.close();
      return;
    }
    const results = message.tasks.map(({ index, file, clientVersions }): WorkerResult => {
      const { analyzed, problems } = analyzeFile(file, { config, projects: undefined, clientVersions, reportUnusedDisableDirectives: setup.reportUnusedDisableDirectives });
      if (!analyzed) return { index, analyzed: undefined, problems };
      const { lines: _lines, ...portable } = analyzed;
      return { index, analyzed: portable, problems };
    });
    send({ type: 'done', results });
  });
  send({ type: 'ready' });
}

if (workerData && typeof workerData === 'object' && 'port' in workerData) serve(workerData as WorkerSetup);
