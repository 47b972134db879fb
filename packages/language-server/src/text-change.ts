/** Where two versions of a text differ: `[start, oldEnd)` of the old one became `[start, newEnd)` of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Slice lengths for skipping equal runs: long ones first, single characters last. */
const STEPS = [1024, 64, 8, 1];

/** The last pair compared: an edit's incremental parse and its language service update ask about the same texts. */
let last: { before: string; after: string; change: TextChange } | undefined;

/** The smallest such span: everything before it and after it is the same text in both. */
export function textChange(before: string, after: string): TextChange {
  if (last?.before === before && last.after === after) return last.change;
  const shorter = Math.min(before.length, after.length);
  // Equal runs are skipped a slice at a time (compared as strings, in native code), then by characters.
  let start = 0;
  for (const step of STEPS) {
    while (start + step <= shorter && before.substring(start, start + step) === after.substring(start, start + step)) start += step;
  }
  const most = shorter - start;
  let suffix = 0;
  for (const step of STEPS) {
    while (suffix + step <= most && before.substring(before.length - suffix - step, before.length - suffix) === after.substring(after.length - suffix - step, after.length - suffix)) suffix += step;
  }
  const change = { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
  last = { before, after, change };
  return change;
}

/**
 * The range `[start, end)` of the old text in the new one, or `undefined` when the change touches
 * it. An empty range on the border of the change could sit on either side of it: `undefined` too.
 */
export function movedRange(change: TextChange, start: number, end: number): [number, number] | undefined {
  if (change.start === change.oldEnd && change.start === change.newEnd) return [start, end];
  if (end < change.start || (end === change.start && start < end)) return [start, end];
  if (start > change.oldEnd || (start === change.oldEnd && start < end)) {
    const shift = change.newEnd - change.oldEnd;
    return [start + shift, end + shift];
  }
  return undefined;
}
