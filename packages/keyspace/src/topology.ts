import { commandFailure, KeyspaceError, messageOf } from './keyspace-error.js';
import { ReadOnlyConnection, type ConnectionLimits } from './read-only-connection.js';
import type { RedisTarget } from './redis-target.js';

export type ClusterMode = 'auto' | 'cluster' | 'standalone';

export interface Topology {
  cluster: boolean;
  /** One connection per node to sample: the server itself, or every master of a cluster. */
  nodes: ReadOnlyConnection[];
}

interface NodeAddress {
  host: string;
  port: number;
}

/** Connects to the target and, in cluster mode (asked for, or reported by `INFO cluster`), to every master. */
export async function openTopology(target: RedisTarget, mode: ClusterMode, limits: ConnectionLimits): Promise<Topology> {
  const first = await ReadOnlyConnection.open(target, { host: target.host, port: target.port }, limits);
  try {
    const cluster = mode === 'cluster' || (mode === 'auto' && (await clusterEnabled(first, target)));
    if (!cluster) return { cluster: false, nodes: [first] };
    const masters = await mastersOf(first, target);
    const nodes: ReadOnlyConnection[] = [];
    try {
      for (const master of masters) {
        const address = `${master.host.includes(':') ? `[${master.host}]` : master.host}:${master.port}`;
        nodes.push(address === first.address ? first : await ReadOnlyConnection.open(target, master, limits));
      }
    } catch (error) {
      for (const node of nodes) if (node !== first) node.close();
      throw error;
    }
    if (!nodes.includes(first)) first.close();
    return { cluster: true, nodes };
  } catch (error) {
    first.close();
    throw error;
  }
}

async function clusterEnabled(connection: ReadOnlyConnection, target: RedisTarget): Promise<boolean> {
  const info = String(await essential(connection, 'INFO', () => connection.call('INFO', 'cluster'), target));
  return /^cluster_enabled:1\s*$/m.test(info);
}

/** CLUSTER SHARDS (Redis 7+), or CLUSTER SLOTS on older servers. */
async function mastersOf(connection: ReadOnlyConnection, target: RedisTarget): Promise<NodeAddress[]> {
  let shards: unknown;
  try {
    shards = await connection.call('CLUSTER SHARDS');
  } catch (error) {
    if (!/unknown subcommand|unknown command/i.test(messageOf(error))) throw commandFailure(error, 'CLUSTER SHARDS', target, connection.address);
    return slotMasters(await essential(connection, 'CLUSTER SLOTS', () => connection.call('CLUSTER SLOTS'), target));
  }
  const masters: NodeAddress[] = [];
  for (const shard of asArray(shards)) {
    for (const node of asArray(flatMap(shard).get('nodes'))) {
      const fields = flatMap(node);
      if (text(fields.get('role')) !== 'master' || text(fields.get('health')) === 'fail') continue;
      const endpoint = text(fields.get('endpoint'));
      const host = endpoint && endpoint !== '?' ? endpoint : text(fields.get('ip'));
      const port = Number(target.tls ? fields.get('tls-port') : fields.get('port'));
      if (host && port > 0) masters.push({ host, port });
    }
  }
  if (masters.length === 0) throw new KeyspaceError(`${target.display} is in cluster mode but CLUSTER SHARDS lists no master that is up.`);
  return unique(masters);
}

function slotMasters(slots: unknown): NodeAddress[] {
  const masters = asArray(slots).flatMap((range) => {
    const [, , master] = asArray(range);
    const [host, port] = asArray(master);
    return text(host) && Number(port) > 0 ? [{ host: text(host)!, port: Number(port) }] : [];
  });
  return unique(masters);
}

function unique(nodes: NodeAddress[]): NodeAddress[] {
  const seen = new Map(nodes.map((node) => [`${node.host}:${node.port}`, node]));
  return [...seen.values()].sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : a.port - b.port));
}


/** A command the sampling cannot do without: its failure ends the run. */
export async function essential(connection: ReadOnlyConnection, command: string, send: () => Promise<unknown>, target: RedisTarget): Promise<unknown> {
  try {
    return await send();
  } catch (error) {
    throw commandFailure(error, command, target, connection.address);
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** RESP2 maps arrive as flat `[name, value, name, value…]` arrays. */
function flatMap(value: unknown): Map<string, unknown> {
  const items = asArray(value);
  const map = new Map<string, unknown>();
  for (let index = 0; index + 1 < items.length; index += 2) map.set(text(items[index]) ?? '', items[index + 1]);
  return map;
}

function text(value: unknown): string | undefined {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return typeof value === 'string' ? value : undefined;
}
