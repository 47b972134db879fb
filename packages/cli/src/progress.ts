export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

/** Below this many files a run is too short for a progress line to help. */
export const PROGRESS_MIN_FILES = 20;
const INTERVAL_MS = 100;

/** `Analyzing 120/800 files` on stderr, rewritten in place; silent when not a TTY or with `--quiet`. */
export function createProgress(stream: ProgressStream, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled || !stream.isTTY) return { update() {}, finish() {} };
  let last = -Infinity;
  let shown = false;
  return {
    update(done, total) {
      if (total < PROGRESS_MIN_FILES) return;
      const time = now();
      if (done < total && time - last < INTERVAL_MS) return;
      last = time;
      shown = true;
      stream.write(`\r\u001b[KAnalyzing ${done}/${total} files`);
    },
    finish() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
