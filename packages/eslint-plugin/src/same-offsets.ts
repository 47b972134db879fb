/**
 * Whether two texts of one file put every token at the same offset: equal, or equal but for the
 * shebang, which ESLint hands to parsers rewritten as `//`.
 */
export function sameOffsets(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length || a.slice(2) !== b.slice(2)) return false;
  const heads = new Set([a.slice(0, 2), b.slice(0, 2)]);
  return heads.size === 2 && heads.has('#!') && heads.has('//');
}
