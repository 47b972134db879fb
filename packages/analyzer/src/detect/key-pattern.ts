import type ts from 'typescript';
import { hashedPart, keySlot } from './key-slot.js';

export type KeyPart =
  | { kind: 'text'; value: string }
  /**
   * A value known only at run time; `expr` is its normalized source text, equal for equal expressions;
   * `node` the expression, when it is written where the key is (not a key builder's parameter).
   */
  | { kind: 'dynamic'; expr: string; node?: ts.Expression };

/** What the engine knows of a key: the literal text it is built from, and where run-time values go. */
export class KeyPattern {
  readonly parts: readonly KeyPart[];

  constructor(parts: readonly KeyPart[], readonly node: ts.Expression) {
    this.parts = mergeText(parts);
  }

  /** The key itself when it is a compile-time constant. */
  get constant(): string | undefined {
    if (this.parts.length === 0) return '';
    const [only] = this.parts;
    return this.parts.length === 1 && only?.kind === 'text' ? only.value : undefined;
  }

  get hasDynamicPart(): boolean {
    return this.parts.some((part) => part.kind === 'dynamic');
  }

  get hasTextPart(): boolean {
    return this.parts.some((part) => part.kind === 'text' && part.value.length > 0);
  }

  /** A canonical spelling: two keys with the same signature are the same key at run time. */
  get signature(): string {
    return this.parts.map((part) => (part.kind === 'text' ? escapeText(part.value) : `\${${part.expr}}`)).join('');
  }

  /** Human-readable spelling for messages: run-time parts shown as `${expr}`. */
  get display(): string {
    return this.parts.map((part) => (part.kind === 'text' ? part.value : `\${${part.expr}}`)).join('');
  }

  /**
   * The signature of what Redis hashes for this key, or undefined when a run-time part could
   * move the hash tag (a dynamic part before the first literal `{`, or inside an unclosed tag).
   */
  get hashSignature(): string | undefined {
    const constant = this.constant;
    if (constant !== undefined) return `slot:${keySlot(constant)}`;
    const tag = this.hashTag;
    if (tag === undefined) return undefined;
    return `tag:${tag}`;
  }

  /** The signature of the hash tag's content, when a literal `{…}` is proven to be the first one. */
  get hashTag(): string | undefined {
    let seenOpen = false;
    let content = '';
    for (const part of this.parts) {
      if (part.kind === 'dynamic') {
        if (!seenOpen) return undefined;
        content += `\${${part.expr}}`;
        continue;
      }
      for (const char of part.value) {
        if (!seenOpen) {
          if (char === '{') seenOpen = true;
          continue;
        }
        if (char === '}') return content.length > 0 ? content : undefined;
        content += escapeText(char);
      }
    }
    return undefined;
  }

  /** Renders run-time parts as `\0`, for matching against glob options. */
  get globSubject(): string {
    return this.parts.map((part) => (part.kind === 'text' ? part.value : '\0')).join('');
  }
}

function escapeText(text: string): string {
  return text.replace(/\$\{/g, '$\\{');
}

function mergeText(parts: readonly KeyPart[]): KeyPart[] {
  const merged: KeyPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (part.kind === 'text' && last?.kind === 'text') merged[merged.length - 1] = { kind: 'text', value: last.value + part.value };
    else if (part.kind !== 'text' || part.value.length > 0) merged.push(part);
  }
  return merged;
}

/** Whether every key is proven to hash to one slot. */
export function shareOneSlot(keys: readonly KeyPattern[]): boolean {
  if (keys.length < 2) return true;
  const signatures = new Set(keys.map((key) => key.signature));
  if (signatures.size === 1) return true;
  if (shareLeadingTag(keys)) return true;
  const hashes = new Set<string | undefined>(keys.map((key) => key.hashSignature));
  if (hashes.has(undefined)) return false;
  if (hashes.size === 1) return true;
  // A constant key and a tagged key can still agree when the tag content is constant.
  const slots = new Set(keys.map((key) => constantSlot(key)));
  return !slots.has(undefined) && slots.size === 1;
}

/**
 * Keys that begin alike up to a whole `{…}` (`${prefix}{${id}}:hits` and `${prefix}{${id}}:blocked`): Redis
 * hashes the first tag, which lies in what they share, whatever the run-time parts before it hold.
 */
function shareLeadingTag(keys: readonly KeyPattern[]): boolean {
  const [first, ...rest] = keys;
  let open = false;
  let content = 0;
  for (const [index, part] of first!.parts.entries()) {
    if (part.kind === 'dynamic') {
      if (!rest.every((key) => { const other = key.parts[index]; return other?.kind === 'dynamic' && other.expr === part.expr; })) return false;
      if (open) content++;
      continue;
    }
    let shared = part.value.length;
    for (const key of rest) {
      const other = key.parts[index];
      shared = other?.kind === 'text' ? Math.min(shared, commonLength(part.value, other.value)) : 0;
    }
    for (const char of part.value.slice(0, shared)) {
      if (!open) open = char === '{';
      else if (char === '}') return content > 0;
      else content++;
    }
    // Past a difference the parts no longer line up.
    if (rest.some((key) => { const other = key.parts[index]; return other?.kind !== 'text' || other.value !== part.value; })) return false;
  }
  return false;
}

function commonLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

function constantSlot(key: KeyPattern): number | undefined {
  const constant = key.constant;
  if (constant !== undefined) return keySlot(constant);
  const tag = key.hashTag;
  if (tag === undefined || tag.includes('${')) return undefined;
  return keySlot(`{${tag.replace(/\$\\\{/g, '${')}}`);
}

export { hashedPart };
