import type { KeyPattern } from './key-pattern.js';

/** The names a key's run-time parts are built from: `keyId` and `today` in `usage:${keyId}:${today}`. */
export function dynamicNames(key: KeyPattern): string[] {
  return key.parts.flatMap((part) => (part.kind === 'dynamic' ? namesIn(part.expr) : []));
}

/** The identifiers of a piece of source text, roughly: split at everything that cannot be in a name. */
export function namesIn(text: string): string[] {
  return text.split(/[^\w$]+/).filter((name) => name.length > 0);
}

/**
 * The words of a key: its text and the names in its run-time parts, split at separators and camel case
 * (`user_sockets:${userId}` → user, sockets, user, Id), so a word test never matches inside another word
 * (`count` in `account`).
 */
export function keyWords(key: KeyPattern): string[] {
  return textWords(key.parts.map((part) => (part.kind === 'text' ? part.value : part.expr)).join(' '));
}

/** The words of a piece of key text, split at separators and camel case. */
export function textWords(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length > 1);
}
