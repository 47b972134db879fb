/** One key the sampler looked at: what the read-only commands said of it, without reading its value. */
export interface SampledKey {
  /** `TYPE`: string, list, set, zset, hash, stream. */
  type: string;
  /** SCARD / HLEN / LLEN / ZCARD / XLEN, or STRLEN for strings. */
  length?: number;
  /** `MEMORY USAGE … SAMPLES 5`. */
  memoryBytes?: number;
  /** `PTTL`: -1 when the key has no TTL. */
  ttlMs?: number;
  /** The cluster hash slot (cluster mode only). */
  slot?: number;
  /** `host:port` of the node it was found on. */
  node: string;
}

/** What the scan found for one key pattern. */
export interface PatternSample {
  pattern: string;
  /** Keys the scan saw matching, over the scanned share of the keyspace. */
  keysMatched: number;
  /** The matches scaled to the whole keyspace (`DBSIZE`), node by node; equal to `keysMatched` when every node was scanned to the end. */
  keysEstimated: number;
  /** The keys probed, at most the per-pattern cap. */
  sampled: SampledKey[];
}

/** What a sampling run did, for the report's summary. */
export interface KeyspaceSummary {
  /** The URL with its password masked. */
  target: string;
  cluster: boolean;
  /** `host:port` of every node scanned. */
  nodes: string[];
  /** `DBSIZE`, summed over the nodes. */
  keysInDatabase: number;
  keysScanned: number;
  /** Every node was scanned to the end (not cut short by the budget or the caps). */
  complete: boolean;
  durationMs: number;
  patterns: number;
  /** Patterns no scanned key matched. */
  unmatched: string[];
  /** Facts that could not be collected (a command the ACL refuses), one line each. */
  warnings: string[];
}

export interface KeyspaceSample {
  summary: KeyspaceSummary;
  patterns: ReadonlyMap<string, PatternSample>;
}
