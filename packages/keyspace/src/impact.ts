import type { KeyspaceFacts } from './keyspace-facts.js';

/** How much a finding weighs, for `--sort impact`: bytes first (memory without a TTL, the largest single read), then element and key counts. */
export interface Impact {
  bytes: number;
  count: number;
}

export function impactOf(facts: KeyspaceFacts | undefined): Impact {
  const impact: Impact = { bytes: 0, count: 0 };
  for (const key of facts ? [facts, ...(facts.otherKeys ?? [])] : []) {
    impact.bytes = Math.max(impact.bytes, key.withoutTtl?.memoryBytesEstimated ?? 0, key.memoryBytes?.max ?? 0);
    impact.count = Math.max(impact.count, key.withoutTtl?.estimated ?? 0, key.sizes?.max ?? 0);
  }
  return impact;
}

/** Larger impact first; equal impacts keep their order (the sort is stable). */
export function compareImpact(a: Impact, b: Impact): number {
  return b.bytes - a.bytes || b.count - a.count;
}
