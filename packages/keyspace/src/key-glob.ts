/**
 * A Redis glob (`*`, `?`, `[…]` with `^` and ranges, `\` escapes) as a test of a key's raw bytes,
 * which arrive as a latin1 string so that every byte is one character, whatever the key's encoding.
 */
export function compileKeyGlob(glob: string): (latin1Key: string) => boolean {
  const bytes = Buffer.from(glob, 'utf8').toString('latin1');
  let source = '';
  for (let index = 0; index < bytes.length; index++) {
    const char = bytes[index]!;
    if (char === '\\' && index + 1 < bytes.length) source += escapeRegExp(bytes[++index]!);
    else if (char === '*') source += '[\\s\\S]*';
    else if (char === '?') source += '[\\s\\S]';
    else if (char === '[') {
      const close = bytes.indexOf(']', index + 2);
      if (close === -1) source += '\\[';
      else {
        const body = bytes.slice(index + 1, close);
        const negated = body.startsWith('^');
        source += `[${negated ? '^' : ''}${(negated ? body.slice(1) : body).replace(/[\]\\^]/g, '\\$&')}]`;
        index = close;
      }
    } else source += escapeRegExp(char);
  }
  const regex = new RegExp(`^${source}$`);
  return (key) => regex.test(key);
}

function escapeRegExp(char: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(char) ? `\\${char}` : char;
}
