import path from 'node:path';

/** Roots already in `path.resolve` form (a run asks about one root for every file). */
const resolvedRoots = new Map<string, boolean>();
/** A path tail `path.resolve` would change: an empty, `.` or `..` segment, or a trailing separator. */
const UNRESOLVED_TAIL = /\/\/|\/\.\.?(?:\/|$)|\/$/;

/** Repo-relative POSIX path, or the absolute (POSIX) path for files outside the root. */
export function relativePath(root: string, file: string): string {
  // A resolved file under a resolved root, the usual case, without resolving both again (path.relative
  // does, for each of a run's files, twice).
  if (path.sep === '/' && file.length > root.length + 1 && file.charCodeAt(root.length) === 47 && file.startsWith(root)) {
    let resolved = resolvedRoots.get(root);
    if (resolved === undefined) resolvedRoots.set(root, (resolved = path.resolve(root) === root));
    const tail = file.slice(root.length);
    if (resolved && !UNRESOLVED_TAIL.test(tail)) return tail.slice(1);
  }
  const relative = path.relative(root, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return file.split(path.sep).join('/');
  return relative.split(path.sep).join('/');
}
