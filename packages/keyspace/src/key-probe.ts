import { keySlotOfBytes } from '@redis-lint/analyzer/findings';
import { commandFailure } from './keyspace-error.js';
import type { SampledKey } from './keyspace-sample.js';
import type { CommandArg, ReadOnlyConnection } from './read-only-connection.js';
import type { ReadOnlyCommand } from './read-only-commands.js';
import { redactSecret, type RedisTarget } from './redis-target.js';

const LENGTH_COMMANDS: Readonly<Record<string, ReadOnlyCommand>> = { set: 'SCARD', hash: 'HLEN', list: 'LLEN', zset: 'ZCARD', stream: 'XLEN', string: 'STRLEN' };
/** The server's default; `SAMPLES 0` would walk every element of a large collection on Redis's main thread. */
const MEMORY_SAMPLES = 5;
/** Facts a sample can do without: a user whose ACL refuses one gets the others and one warning. */
const OPTIONAL: ReadonlySet<ReadOnlyCommand> = new Set(['PTTL', 'MEMORY USAGE', ...Object.values(LENGTH_COMMANDS)]);

/** Probes keys in two round trips per batch (TYPE, PTTL, MEMORY USAGE; then the length command of each type). */
export class KeyProber {
  private readonly refused = new Set<ReadOnlyCommand>();
  readonly warnings: string[] = [];

  constructor(
    private readonly target: RedisTarget,
    private readonly cluster: boolean,
  ) {}

  async probe(node: ReadOnlyConnection, keys: readonly Buffer[]): Promise<Array<SampledKey | undefined>> {
    const first: Array<[ReadOnlyCommand, ...CommandArg[]]> = [];
    const askTtl = !this.refused.has('PTTL');
    const askMemory = !this.refused.has('MEMORY USAGE');
    for (const key of keys) {
      first.push(['TYPE', key]);
      if (askTtl) first.push(['PTTL', key]);
      if (askMemory) first.push(['MEMORY USAGE', key, 'SAMPLES', MEMORY_SAMPLES]);
    }
    const replies = await this.run(node, first);
    const probed: Array<SampledKey | undefined> = [];
    let index = 0;
    for (const key of keys) {
      const type = String(this.reply(replies[index++]!, 'TYPE', node.address));
      const ttl = askTtl ? this.reply(replies[index++]!, 'PTTL', node.address) : undefined;
      const memory = askMemory ? this.reply(replies[index++]!, 'MEMORY USAGE', node.address) : undefined;
      // The key expired or was deleted since SCAN returned it.
      if (type === 'none') {
        probed.push(undefined);
        continue;
      }
      const sampled: SampledKey = { type, node: node.address };
      if (typeof ttl === 'number' && ttl !== -2) sampled.ttlMs = ttl;
      if (typeof memory === 'number') sampled.memoryBytes = memory;
      if (this.cluster) sampled.slot = keySlotOfBytes(key);
      probed.push(sampled);
    }
    await this.lengths(node, keys, probed);
    return probed;
  }

  private async lengths(node: ReadOnlyConnection, keys: readonly Buffer[], probed: Array<SampledKey | undefined>): Promise<void> {
    const asked: Array<{ sampled: SampledKey; command: ReadOnlyCommand }> = [];
    const commands: Array<[ReadOnlyCommand, ...CommandArg[]]> = [];
    probed.forEach((sampled, index) => {
      const command = sampled ? LENGTH_COMMANDS[sampled.type] : undefined;
      if (!sampled || !command || this.refused.has(command)) return;
      asked.push({ sampled, command });
      commands.push([command, keys[index]!]);
    });
    const replies = await this.run(node, commands);
    asked.forEach(({ sampled, command }, index) => {
      const length = this.reply(replies[index]!, command, node.address);
      if (typeof length === 'number') sampled.length = length;
    });
  }

  private async run(node: ReadOnlyConnection, commands: ReadonlyArray<readonly [ReadOnlyCommand, ...CommandArg[]]>): ReturnType<ReadOnlyConnection['pipeline']> {
    try {
      return await node.pipeline(commands);
    } catch (error) {
      throw commandFailure(error, [...new Set(commands.map(([command]) => command))].join(', '), this.target, node.address);
    }
  }

  /** A reply, or undefined when the ACL refuses an optional command (noted once); any other error ends the run. */
  private reply([error, value]: [Error | null, unknown], command: ReadOnlyCommand, address: string): unknown {
    if (!error) return Buffer.isBuffer(value) ? value.toString('utf8') : value;
    if (error.message.startsWith('NOPERM') && OPTIONAL.has(command)) {
      if (!this.refused.has(command)) {
        this.refused.add(command);
        this.warnings.push(`the Redis user may not run ${command} (${redactSecret(error.message, this.target)}); keyspace facts come without ${FACT_OF[command]}.`);
      }
      return undefined;
    }
    throw commandFailure(error, command, this.target, address);
  }
}

const FACT_OF: Readonly<Record<string, string>> = {
  PTTL: 'TTLs',
  'MEMORY USAGE': 'memory',
  SCARD: 'set sizes',
  HLEN: 'hash sizes',
  LLEN: 'list lengths',
  ZCARD: 'sorted set sizes',
  XLEN: 'stream lengths',
  STRLEN: 'string lengths',
};
