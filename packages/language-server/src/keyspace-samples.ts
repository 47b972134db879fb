import type { KeyspaceSample } from '@redis-lint/keyspace/facts';

/** Hovers wait for the answer: a shorter budget than the CLI's 10 s, and fewer keys. */
const HOVER_SAMPLING = { budgetMs: 3_000, maxKeysPerPattern: 1_000 };
/** A sample answers hovers for this long; after it a hover samples again (the data is live). */
const FRESH_MS = 60_000;

export type SampleOutcome = { sample: KeyspaceSample } | { error: string };

/**
 * Samples of a Redis per set of key patterns, shared by the hovers of a minute. The Redis client is
 * loaded on the first hover, never at start-up.
 */
export class KeyspaceSamples {
  private readonly samples = new Map<string, { at: number; outcome: Promise<SampleOutcome> }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(url: string, patterns: readonly string[]): Promise<SampleOutcome> {
    const key = `${url}\n${[...patterns].sort().join('\n')}`;
    const cached = this.samples.get(key);
    if (cached && this.now() - cached.at < FRESH_MS) return cached.outcome;
    const outcome = sample(url, patterns);
    this.samples.set(key, { at: this.now(), outcome });
    // A failure is not kept: the next hover tries again.
    void outcome.then((done) => {
      if ('error' in done && this.samples.get(key)?.outcome === outcome) this.samples.delete(key);
    });
    return outcome;
  }
}

async function sample(url: string, patterns: readonly string[]): Promise<SampleOutcome> {
  const keyspace = await import('@redis-lint/keyspace');
  let target: ReturnType<typeof keyspace.parseRedisTarget>;
  try {
    target = keyspace.parseRedisTarget(url, process.env);
  } catch (error) {
    return { error: `redisLint.redisUrl: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    return { sample: await keyspace.sampleKeyspace(target, patterns, HOVER_SAMPLING) };
  } catch (error) {
    return { error: keyspace.redactSecret(error instanceof Error ? error.message : String(error), target) };
  }
}
