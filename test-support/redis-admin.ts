import { Redis } from 'ioredis';

/** The tests' own connections, for seeding and for reading INFO commandstats; one per port, closed by `closeAll`. */
export class AdminClients {
  private readonly clients = new Map<number, Redis>();

  /** `password`: the default user's, for servers started with `--requirepass`. */
  constructor(private readonly password?: string) {}

  get(port: number): Redis {
    let client = this.clients.get(port);
    const password = this.password;
    if (!client) {
      client = new Redis({ host: '127.0.0.1', port, commandTimeout: 10_000, maxRetriesPerRequest: 1, ...(password ? { password } : {}) });
      this.clients.set(port, client);
    }
    return client;
  }

  command = (port: number, ...args: string[]): Promise<unknown> => this.get(port).call(args[0]!, ...args.slice(1));

  /** Calls per command since the last CONFIG RESETSTAT (those the ACL rejected too), without the RESETSTAT itself. */
  async commandStats(port: number): Promise<Record<string, number>> {
    const info = String(await this.get(port).call('INFO', 'commandstats'));
    const stats: Record<string, number> = {};
    for (const [, name, calls, rejected] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),.*rejected_calls=(\d+)/gm)) {
      if (name !== 'config|resetstat') stats[name!] = Number(calls) + Number(rejected);
    }
    return stats;
  }

  async resetStats(port: number): Promise<void> {
    await this.get(port).call('CONFIG', 'RESETSTAT');
  }

  closeAll(): void {
    for (const client of this.clients.values()) client.disconnect();
    this.clients.clear();
  }
}

/** The commands the sampler's promise allows, as INFO commandstats names them, plus AUTH for credentials. */
export const ALLOWED_STATS = new Set(['scan', 'type', 'pttl', 'memory|usage', 'scard', 'hlen', 'llen', 'zcard', 'xlen', 'strlen', 'dbsize', 'info', 'cluster|shards', 'cluster|slots', 'auth']);
