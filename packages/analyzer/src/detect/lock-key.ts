import type { KeyPattern } from './key-pattern.js';

const LOCK_WORDS = new Set(['lock', 'locks', 'mutex', 'semaphore', 'leader', 'lease', 'leases', 'redlock']);

/**
 * A key whose name says it is a lock: a word of its literal text or of the run-time expressions
 * in it (`lock:${id}`, `jobs:${id}:lock`, `this.lockKey`) is `lock`, `mutex`, `leader`, `lease`….
 */
export function isLockKey(key: KeyPattern): boolean {
  return key.parts.some((part) => isLockName(part.kind === 'text' ? part.value : part.expr));
}

/** A name or expression one of whose words is a lock word (`lockKey`, `KEYS[1] .. ':mutex'`). */
export function isLockName(text: string): boolean {
  return wordsOf(text).some((word) => LOCK_WORDS.has(word));
}

/** Words of a name: split at non-letters and at camelCase humps (`jobLockKey` → job, lock, key). */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}
