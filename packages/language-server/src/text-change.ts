/** Where two versions of a text differ: `[start, oldEnd)` of the old one became `[start, newEnd)` of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The smallest such span: everything before it and after it is the same text in both. */
export function textChange(before: string, after: string): TextChange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < shorter - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
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
