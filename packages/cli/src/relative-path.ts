import path from 'node:path';

/** Repo-relative POSIX path, or the absolute (POSIX) path for files outside the root. */
export function relativePath(root: string, file: string): string {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return file.split(path.sep).join('/');
  return relative.split(path.sep).join('/');
}
