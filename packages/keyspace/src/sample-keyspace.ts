import { setTimeout as sleep } from 'node:timers/promises';
import { compileKeyGlob } from './key-glob.js';
import { KeyProber } from './key-probe.js';
import type { KeyspaceSample, PatternSample, SampledKey } from './keyspace-sample.js';
import type { ReadOnlyConnection } from './read-only-connection.js';
import type { RedisTarget } from './redis-target.js';
import { essential, openTopology, type ClusterMode } from './topology.js';

export interface SampleOptions {
  /** `auto`: cluster mode when `INFO cluster` says so. */
  cluster: ClusterMode;
  /** Wall time for scanning and probing, connections aside; what is found by then is reported. */
  budgetMs: number;
  /** Keys probed per pattern at most. */
  maxKeysPerPattern: number;
  /** SCAN's COUNT: how much of the keyspace one SCAN call walks. */
  scanCount: number;
  /** The pause after each SCAN batch, so the server serves its clients in between. */
  pauseMs: number;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

export const DEFAULT_SAMPLE_OPTIONS: Readonly<SampleOptions> = Object.freeze({
  cluster: 'auto',
  budgetMs: 10_000,
  maxKeysPerPattern: 2_000,
  scanCount: 500,
  pauseMs: 5,
  connectTimeoutMs: 5_000,
  commandTimeoutMs: 3_000,
});

interface NodeWalk {
  dbsize: number;
  scanned: number;
  matched: number[];
  complete: boolean;
}

/**
 * One SCAN pass per node serves every pattern: each returned key name is matched here, and the
 * first keys of each pattern (up to the cap) are probed. Read-only commands only; never a value.
 */
export async function sampleKeyspace(target: RedisTarget, patterns: readonly string[], options: Partial<SampleOptions> = {}): Promise<KeyspaceSample> {
  const settings: SampleOptions = { ...DEFAULT_SAMPLE_OPTIONS, ...options };
  const startedAt = performance.now();
  const topology = await openTopology(target, settings.cluster, settings);
  try {
    const deadline = startedAt + settings.budgetMs;
    const matchers = patterns.map(compileKeyGlob);
    const sampled = patterns.map(() => [] as SampledKey[]);
    const reserved = patterns.map(() => new Set<string>());
    const prober = new KeyProber(target, topology.cluster);
    const capped = (): boolean => reserved.every((keys) => keys.size >= settings.maxKeysPerPattern);

    const walkNode = async (node: ReadOnlyConnection): Promise<NodeWalk> => {
      const dbsize = Number(await essential(node, 'DBSIZE', () => node.call('DBSIZE'), target));
      const walk: NodeWalk = { dbsize, scanned: 0, matched: patterns.map(() => 0), complete: false };
      let cursor = '0';
      while (!capped() && performance.now() < deadline) {
        const [next, keys] = (await essential(node, 'SCAN', () => node.call('SCAN', cursor, 'COUNT', settings.scanCount), target)) as [Buffer, Buffer[]];
        cursor = next.toString();
        walk.scanned += keys.length;
        const probe: Array<{ key: Buffer; owners: number[] }> = [];
        for (const key of keys) {
          const name = key.toString('latin1');
          const owners: number[] = [];
          matchers.forEach((matches, index) => {
            if (!matches(name)) return;
            walk.matched[index]!++;
            const taken = reserved[index]!;
            if (taken.size >= settings.maxKeysPerPattern || taken.has(name)) return;
            taken.add(name);
            owners.push(index);
          });
          if (owners.length > 0) probe.push({ key, owners });
        }
        const facts = await prober.probe(node, probe.map(({ key }) => key));
        probe.forEach(({ owners }, index) => {
          const fact = facts[index];
          if (fact) for (const owner of owners) sampled[owner]!.push(fact);
        });
        if (cursor === '0') {
          walk.complete = true;
          break;
        }
        await sleep(settings.pauseMs);
      }
      return walk;
    };

    const walks = await Promise.all(topology.nodes.map(walkNode));
    const results = new Map<string, PatternSample>();
    patterns.forEach((pattern, index) => {
      const keysMatched = walks.reduce((sum, walk) => sum + walk.matched[index]!, 0);
      const keysEstimated = Math.round(walks.reduce((sum, walk) => sum + estimate(walk, walk.matched[index]!), 0));
      results.set(pattern, { pattern, keysMatched, keysEstimated, sampled: sampled[index]! });
    });
    return {
      summary: {
        target: target.display,
        cluster: topology.cluster,
        nodes: topology.nodes.map((node) => node.address),
        keysInDatabase: walks.reduce((sum, walk) => sum + walk.dbsize, 0),
        keysScanned: walks.reduce((sum, walk) => sum + walk.scanned, 0),
        complete: walks.every((walk) => walk.complete),
        durationMs: Math.round(performance.now() - startedAt),
        patterns: patterns.length,
        unmatched: patterns.filter((pattern) => results.get(pattern)!.keysMatched === 0),
        warnings: prober.warnings,
      },
      patterns: results,
    };
  } finally {
    for (const node of topology.nodes) node.close();
  }
}

/** A node scanned to the end counts exactly; otherwise its matches scale by the share of its keys the scan returned. */
function estimate(walk: NodeWalk, matched: number): number {
  if (walk.complete || walk.scanned === 0 || walk.scanned >= walk.dbsize) return matched;
  return (matched * walk.dbsize) / walk.scanned;
}
