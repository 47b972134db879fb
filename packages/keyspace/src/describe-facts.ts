import type { FindingKey } from '@redis-lint/analyzer/findings';
import type { KeyspaceFacts } from './keyspace-facts.js';
import type { KeyspaceSummary } from './keyspace-sample.js';
import type { Percentiles } from './percentiles.js';

const ELEMENT_NAMES: Readonly<Record<string, string>> = { set: 'members', zset: 'members', hash: 'fields', list: 'elements', stream: 'entries', string: 'bytes' };

/**
 * One line for people (stylish output, an editor hover):
 * `followers:* — 12,480 keys (set); members p50 140 / p99 48,200 / max 1.9 M; memory p50 9.1 KiB / …`.
 * `keys`: the finding's keys, for the name of the elements.
 */
export function describeKeyspaceFacts(facts: KeyspaceFacts, keys: readonly FindingKey[] = []): string {
  return [facts, ...(facts.otherKeys ?? [])].map((key) => describeKey(key, keys.find((candidate) => candidate.pattern === key.pattern))).join(' | ');
}

function describeKey(facts: KeyspaceFacts, key: FindingKey | undefined): string {
  const parts: string[] = [`${facts.pattern} — ${keyCount(facts)}`];
  if (facts.sizes) parts.push(`${ELEMENT_NAMES[key?.dataType ?? ''] ?? 'elements'} ${percentiles(facts.sizes, count)}`);
  if (facts.memoryBytes) parts.push(`memory ${percentiles(facts.memoryBytes, bytes)}`);
  const withoutTtl = facts.withoutTtl;
  if (withoutTtl) {
    const memory = withoutTtl.memoryBytesEstimated === undefined ? '' : `, ${bytes(withoutTtl.memoryBytesEstimated)}`;
    parts.push(`${count(withoutTtl.estimated)} without TTL (${Math.round(withoutTtl.share * 100)} % of those sampled)${memory}`);
  }
  if (facts.slots && facts.nodes) {
    const values = facts.slots.values && facts.slots.values.length <= 3 ? ` (${facts.slots.values.join(', ')})` : '';
    parts.push(`on ${plural(facts.slots.count, 'slot')}${values} of ${plural(facts.nodes.length, 'node')}`);
  }
  return parts.join('; ');
}

/** `12,480 keys (set)`, or `≈ 13,111 keys (set), from 1,176 in the scanned share` when the scan stopped early. */
function keyCount(facts: KeyspaceFacts): string {
  if (facts.keysEstimated === facts.keysMatched) return `${plural(facts.keysMatched, 'key')}${typesOf(facts)}`;
  return `≈ ${plural(facts.keysEstimated, 'key')}${typesOf(facts)}, from ${count(facts.keysMatched)} in the scanned share`;
}

function typesOf(facts: KeyspaceFacts): string {
  const entries = Object.entries(facts.types);
  if (entries.length === 0) return '';
  if (entries.length === 1) return ` (${entries[0]![0]})`;
  return ` (${entries.map(([type, sampled]) => `${type} ${count(sampled)}`).join(', ')} of those sampled)`;
}

function percentiles(values: Percentiles, format: (value: number) => string): string {
  return `p50 ${format(values.p50)} / p99 ${format(values.p99)} / max ${format(values.max)}`;
}

function plural(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? '' : 's'}`;
}

/** `48,200`, `1.9 M`, `2.1 G`. */
function count(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(1)} G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} M`;
  return value.toLocaleString('en-US');
}

/** `512 B`, `9.1 KiB`, `3.4 GiB`. */
function bytes(value: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${scaled.toFixed(1)} ${units[unit]}`;
}

/** `103 keys scanned of 103 on 1 node in 92 ms; 4 key patterns, 1 matched nothing: nothing:*`. */
export function describeKeyspaceSummary(summary: KeyspaceSummary): string {
  const scanned = summary.complete
    ? `${plural(summary.keysScanned, 'key')} scanned of ${count(summary.keysInDatabase)}`
    : `${plural(summary.keysScanned, 'key')} scanned of ${count(summary.keysInDatabase)} (stopped at the budget or the per-pattern cap)`;
  const unmatched = summary.unmatched.length === 0 ? '' : `, ${count(summary.unmatched.length)} matched nothing: ${summary.unmatched.join(', ')}`;
  return `${scanned} on ${plural(summary.nodes.length, summary.cluster ? 'cluster master' : 'node')} in ${count(summary.durationMs)} ms; ${plural(summary.patterns, 'key pattern')}${unmatched}`;
}
