import type { FindingKey } from '@redis-lint/analyzer/findings';
import type { KeyspaceSample, PatternSample, SampledKey } from './keyspace-sample.js';
import { percentilesOf, type Percentiles } from './percentiles.js';

/** What the live keyspace says about one key pattern of a finding: `keyspace` in JSON and SARIF. */
export interface KeyspaceFacts {
  pattern: string;
  keysMatched: number;
  keysEstimated: number;
  keysSampled: number;
  /** How many sampled keys had each type. */
  types: Record<string, number>;
  /** Elements (members, fields, entries; bytes of a string) of the sampled keys of the command's type. */
  sizes?: Percentiles;
  memoryBytes?: Percentiles;
  withoutTtl?: {
    count: number;
    share: number;
    /** The share applied to `keysEstimated`. */
    estimated: number;
    /** Memory of the sampled keys without a TTL. */
    memoryBytes?: number;
    /** That memory scaled to `estimated` keys. */
    memoryBytesEstimated?: number;
  };
  /** Cluster slots the sampled keys occupy; `values` when there are 16 or fewer. */
  slots?: { count: number; values?: number[] };
  /** Nodes the sampled keys were found on (cluster mode). */
  nodes?: string[];
  /** The finding's further key patterns (a CROSSSLOT command names several keys). */
  otherKeys?: KeyspaceFacts[];
}

/** Rules whose findings are about how much one read returns. */
const SIZE_RULES = new Set(['no-unbounded-reads', 'prefer-pipeline', 'require-stream-maxlen']);
/** Rules whose findings are about keys that never expire. */
const TTL_RULES = new Set(['require-ttl', 'require-lock-ttl']);
/** Rules whose findings are about where keys live in a cluster. */
const SLOT_RULES = new Set(['no-crossslot', 'no-hot-hash-tag']);
const LISTED_SLOTS = 16;

/** The facts that bear on a finding, for its first key pattern (and its others); undefined when none was sampled. */
export function keyspaceFactsFor(finding: { ruleId: string; keys?: readonly FindingKey[] | undefined }, sample: KeyspaceSample): KeyspaceFacts | undefined {
  const facts = (finding.keys ?? []).flatMap((key) => {
    const pattern = sample.patterns.get(key.pattern);
    return pattern ? [factsOf(finding.ruleId, key, pattern, sample.summary.cluster)] : [];
  });
  const [first, ...others] = facts;
  if (!first) return undefined;
  return others.length > 0 ? { ...first, otherKeys: others } : first;
}

function factsOf(ruleId: string, key: FindingKey, sample: PatternSample, cluster: boolean): KeyspaceFacts {
  const facts: KeyspaceFacts = {
    pattern: sample.pattern,
    keysMatched: sample.keysMatched,
    keysEstimated: sample.keysEstimated,
    keysSampled: sample.sampled.length,
    types: countTypes(sample.sampled),
  };
  // A pattern's `*` can match keys of other shapes (`user:*` matches `user:1:friends`): sizes and TTLs count the command's type only.
  const ofType = key.dataType ? sample.sampled.filter((sampled) => sampled.type === key.dataType) : sample.sampled;
  if (SIZE_RULES.has(ruleId)) {
    const sizes = percentilesOf(ofType.flatMap((sampled) => (sampled.length === undefined ? [] : [sampled.length])));
    const memory = percentilesOf(ofType.flatMap((sampled) => (sampled.memoryBytes === undefined ? [] : [sampled.memoryBytes])));
    if (sizes) facts.sizes = sizes;
    if (memory) facts.memoryBytes = memory;
  }
  if (TTL_RULES.has(ruleId)) {
    const withoutTtl = withoutTtlOf(ofType, sample.keysEstimated * (ofType.length / Math.max(1, sample.sampled.length)));
    if (withoutTtl) facts.withoutTtl = withoutTtl;
  }
  if (SLOT_RULES.has(ruleId) && cluster && sample.sampled.length > 0) {
    const slots = [...new Set(sample.sampled.flatMap((sampled) => (sampled.slot === undefined ? [] : [sampled.slot])))].sort((a, b) => a - b);
    facts.slots = slots.length <= LISTED_SLOTS ? { count: slots.length, values: slots } : { count: slots.length };
    facts.nodes = [...new Set(sample.sampled.map((sampled) => sampled.node))].sort();
  }
  return facts;
}

function countTypes(sampled: readonly SampledKey[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type } of [...sampled].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** `keysOfType`: how many keys of the command's type the whole keyspace is estimated to hold. */
function withoutTtlOf(sampled: readonly SampledKey[], keysOfType: number): KeyspaceFacts['withoutTtl'] {
  const measured = sampled.filter((key) => key.ttlMs !== undefined);
  if (measured.length === 0) return undefined;
  const persistent = measured.filter((key) => key.ttlMs === -1);
  const share = persistent.length / measured.length;
  const estimated = Math.round(share * keysOfType);
  const withoutTtl: NonNullable<KeyspaceFacts['withoutTtl']> = { count: persistent.length, share: Math.round(share * 10_000) / 10_000, estimated };
  const memory = persistent.flatMap((key) => (key.memoryBytes === undefined ? [] : [key.memoryBytes]));
  if (memory.length === persistent.length && persistent.length > 0) {
    const total = memory.reduce((sum, bytes) => sum + bytes, 0);
    withoutTtl.memoryBytes = total;
    withoutTtl.memoryBytesEstimated = Math.round((total / persistent.length) * estimated);
  }
  return withoutTtl;
}
