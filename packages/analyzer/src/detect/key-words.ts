import type { KeyPattern } from './key-pattern.js';

/**
 * The words of a key: its text and the names in its run-time parts, split at separators and camel case
 * (`user_sockets:${userId}` → user, sockets, user, Id), so a word test never matches inside another word
 * (`count` in `account`).
 */
export function keyWords(key: KeyPattern): string[] {
  const text = key.parts.map((part) => (part.kind === 'text' ? part.value : part.expr)).join(' ');
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length > 1);
}
