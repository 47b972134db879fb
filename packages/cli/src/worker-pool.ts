import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ResolvedConfig } from '@redis-lint/analyzer';
import { portableConfig, type FromWorker, type ToWorker, type WorkerResult, type WorkerSetup, type WorkerTask } from './analyze-worker.js';

/**
 * Below this many files, starting threads costs more than it saves: each thread loads TypeScript and
 * the engine (about 1 s of CPU on Node 20), while the engine takes a few ms per file. Measured on
 * bullmq (164 files, 2 cores): 1.8 s of CPU in one thread, 4.2 s with two workers, and slower.
 */
export const PARALLEL_MIN_FILES = 1000;
/** With two cores the main thread and the workers' start-up compete for both: measured slower. */
const PARALLEL_MIN_CORES = 4;
const BATCH_SIZE = 8;
/** A thread that says nothing for this long is given up on; its files are analyzed in the main thread. */
const STALL_MS = 60_000;

/** Threads for an untyped run over `fileCount` files: 0 (stay single-threaded) unless there are many files and cores; one core stays with the main thread. */
export function threadsFor(fileCount: number, minFiles = PARALLEL_MIN_FILES): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (fileCount < minFiles || cores < PARALLEL_MIN_CORES) return 0;
  return Math.min(cores - 1, 8);
}

interface Thread {
  worker: Worker;
  port: MessagePort;
  /** Tasks sent and not answered yet. */
  pending: WorkerTask[];
}

/**
 * Untyped analysis of `tasks` in `threads` worker threads. Synchronous on purpose (the CLI's run is):
 * the main thread blocks on a shared counter the workers bump after each message and reads the
 * messages with `receiveMessageOnPort`. Batches are handed out as threads finish, so slow files do
 * not hold a whole share back. Returns one result per task, by `index`; tasks a thread could not
 * finish are returned in `unfinished` for the caller to analyze itself.
 */
export function analyzeInWorkers(tasks: readonly WorkerTask[], config: ResolvedConfig, reportUnusedDisableDirectives: boolean, threads: number, onResult?: (result: WorkerResult) => void): { results: Map<number, WorkerResult>; unfinished: WorkerTask[] } {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const queue = [...tasks];
  const results = new Map<number, WorkerResult>();
  const pool: Thread[] = [];
  const portable = portableConfig(config);
  for (let count = 0; count < Math.min(threads, Math.ceil(tasks.length / BATCH_SIZE)); count++) {
    const { port1, port2 } = new MessageChannel();
    const setup: WorkerSetup = { port: port2, signal, config: portable, reportUnusedDisableDirectives };
    const worker = new Worker(new URL('./analyze-worker.js', import.meta.url), { workerData: setup, transferList: [port2] });
    worker.unref();
    pool.push({ worker, port: port1, pending: [] });
  }
  const send = (thread: Thread): void => {
    const batch = queue.splice(0, BATCH_SIZE);
    if (batch.length === 0) return;
    thread.pending.push(...batch);
    thread.port.postMessage({ type: 'analyze', tasks: batch } satisfies ToWorker);
  };
  for (const thread of pool) send(thread);
  let lastProgress = Date.now();
  try {
    while (results.size < tasks.length && pool.length > 0) {
      const seen = Atomics.load(signal, 0);
      let progressed = false;
      for (const thread of pool) {
        for (let message = receiveMessageOnPort(thread.port); message; message = receiveMessageOnPort(thread.port)) {
          progressed = true;
          const data = message.message as FromWorker;
          if (data.type === 'done') {
            for (const result of data.results) {
              results.set(result.index, result);
              onResult?.(result);
            }
            const answered = new Set(data.results.map((result) => result.index));
            thread.pending = thread.pending.filter((task) => !answered.has(task.index));
          }
          if (thread.pending.length === 0) send(thread);
        }
      }
      if (progressed) {
        lastProgress = Date.now();
        continue;
      }
      if (Date.now() - lastProgress > STALL_MS) break;
      Atomics.wait(signal, 0, seen, 1_000);
    }
  } finally {
    for (const thread of pool) {
      thread.port.postMessage({ type: 'stop' } satisfies ToWorker);
      thread.port.close();
      void thread.worker.terminate();
    }
  }
  const unfinished = tasks.filter((task) => !results.has(task.index));
  return { results, unfinished };
}
