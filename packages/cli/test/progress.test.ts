import { describe, expect, it } from 'vitest';
import { createProgress, PROGRESS_MIN_FILES } from '../src/progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, write: (text: string) => written.push(text) };
}

describe('progress indicator', () => {
  it('rewrites one line on a TTY for long runs, throttled, and clears it at the end', () => {
    const tty = stream(true);
    let time = 0;
    const progress = createProgress(tty, true, () => time);
    for (let done = 1; done <= 40; done++) {
      time += 30;
      progress.update(done, 40);
    }
    progress.finish();
    expect(tty.written).toEqual([
      '\r\u001b[KAnalyzing 1/40 files',
      '\r\u001b[KAnalyzing 5/40 files',
      '\r\u001b[KAnalyzing 9/40 files',
      '\r\u001b[KAnalyzing 13/40 files',
      '\r\u001b[KAnalyzing 17/40 files',
      '\r\u001b[KAnalyzing 21/40 files',
      '\r\u001b[KAnalyzing 25/40 files',
      '\r\u001b[KAnalyzing 29/40 files',
      '\r\u001b[KAnalyzing 33/40 files',
      '\r\u001b[KAnalyzing 37/40 files',
      '\r\u001b[KAnalyzing 40/40 files',
      '\r\u001b[K',
    ]);
  });

  it('is silent when not a TTY, with --quiet, and for short runs', () => {
    for (const [target, enabled, total] of [[stream(false), true, 100], [stream(true), false, 100], [stream(true), true, PROGRESS_MIN_FILES - 1]] as const) {
      const progress = createProgress(target, enabled);
      for (let done = 1; done <= total; done++) progress.update(done, total);
      progress.finish();
      expect(target.written).toEqual([]);
    }
  });
});
