/**
 * Matches a key (run-time parts rendered as `\0`) against a Redis-style glob (`*`, `?`):
 * `user:*:roles` matches `user:${id}:roles`.
 */
export function keyMatchesGlob(subject: string, glob: string): boolean {
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`, 's').test(subject);
}

export function keyMatchesAny(subject: string, globs: readonly string[]): boolean {
  return globs.some((glob) => keyMatchesGlob(subject, glob));
}
