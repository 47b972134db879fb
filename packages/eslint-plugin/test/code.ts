/** Test code written one line per argument, so `${…}` in it stays text. */
export function code(...lines: string[]): string {
  return lines.join('\n');
}
