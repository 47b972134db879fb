import { isIP } from 'node:net';
import { Redis } from 'ioredis';
import { KeyspaceError, messageOf } from './keyspace-error.js';
import { isReadOnlyCommand, type ReadOnlyCommand } from './read-only-commands.js';
import { redactSecret, type RedisTarget } from './redis-target.js';

export interface ConnectionLimits {
  /** How long opening the connection may take. */
  connectTimeoutMs: number;
  /** How long any one command (or pipeline) may wait for its reply. */
  commandTimeoutMs: number;
}

export type CommandArg = string | number | Buffer;
export type CommandReply = [error: Error | null, reply: unknown];

/** One node's connection that can only send the commands of `READ_ONLY_COMMANDS`. */
export class ReadOnlyConnection {
  private constructor(
    private readonly client: Redis,
    /** `host:port` as the sampler reports it. */
    readonly address: string,
  ) {}

  /**
   * Connects without the client's extras: no HELLO (RESP2), no CLIENT SETINFO, no ready-check INFO,
   * no retries or offline queue; AUTH when there are credentials, SELECT when the URL names a database.
   */
  static async open(target: RedisTarget, node: { host: string; port: number }, limits: ConnectionLimits): Promise<ReadOnlyConnection> {
    const address = `${node.host.includes(':') ? `[${node.host}]` : node.host}:${node.port}`;
    const client = new Redis({
      host: node.host,
      port: node.port,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      db: target.db,
      // Each node's certificate is checked against the name it is reached by; SNI carries host names only.
      ...(target.tls ? { tls: isIP(node.host) ? {} : { servername: node.host } } : {}),
      lazyConnect: true,
      connectTimeout: limits.connectTimeoutMs,
      commandTimeout: limits.commandTimeoutMs,
      protocol: 2,
      maintNotifications: 'disabled',
      disableClientInfo: true,
      enableReadyCheck: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      reconnectOnError: () => false,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
    });
    // Failures reach the caller through the rejected commands; without a listener ioredis would print them.
    let cause: unknown;
    client.on('error', (error: unknown) => (cause ??= error));
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      // connect() rejects with "Connection is closed."; the error event said why (ECONNREFUSED, WRONGPASS).
      throw new KeyspaceError(`cannot connect to ${target.display} (${address}): ${redactSecret(messageOf(cause ?? error), target)}`);
    }
    return new ReadOnlyConnection(client, address);
  }

  async call(command: ReadOnlyCommand, ...args: CommandArg[]): Promise<unknown> {
    return this.client.callBuffer(...tokens(command, args));
  }

  /** Sends the commands in one round trip; each gets its own reply or error. */
  async pipeline(commands: ReadonlyArray<readonly [ReadOnlyCommand, ...CommandArg[]]>): Promise<CommandReply[]> {
    if (commands.length === 0) return [];
    const pipeline = this.client.pipeline();
    for (const [command, ...args] of commands) pipeline.callBuffer(...tokens(command, args));
    return ((await pipeline.exec()) ?? []) as CommandReply[];
  }

  close(): void {
    this.client.disconnect();
  }
}

function tokens(command: ReadOnlyCommand, args: readonly CommandArg[]): [string, ...CommandArg[]] {
  // The type already says so; the check keeps the promise when a caller casts its way around it.
  if (!isReadOnlyCommand(command)) throw new Error(`refusing to send ${String(command)}: not a read-only sampling command`);
  const [name, subcommand] = command.split(' ') as [string, string | undefined];
  return subcommand ? [name, subcommand, ...args] : [name, ...args];
}
