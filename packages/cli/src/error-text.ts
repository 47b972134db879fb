/** A file system error in a few words for a problem's message: its code, or a phrase for the common ones. */
export function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'ELOOP') return 'symbolic link loop';
  return code ?? (error instanceof Error ? error.message : String(error));
}
