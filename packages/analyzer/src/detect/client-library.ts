export type ClientLibrary = 'ioredis' | 'node-redis' | 'upstash' | 'valkey-glide';

/** What a package that wraps node-redis in promises makes of its clients. */
export interface WrappedNodeRedis {
  /** The node-redis major underneath, whatever else is installed. */
  major: number;
  /** `createClient(args)` hands out one connection per distinct argument list, made once. */
  sharesConnections: boolean;
}

/** async-redis 2.0.0 (src/index.js): `redis.createClient` of its own `redis` 3.1.2, kept in a Map by `JSON.stringify(args)`. */
const WRAPPED_NODE_REDIS: Readonly<Record<string, WrappedNodeRedis>> = { 'async-redis': { major: 3, sharesConnections: true } };

export function wrappedNodeRedis(moduleName: string | undefined): WrappedNodeRedis | undefined {
  return moduleName === undefined ? undefined : WRAPPED_NODE_REDIS[moduleName];
}

/** The Redis client packages, by the module name code imports them from. */
export function libraryOfModule(moduleName: string): ClientLibrary | undefined {
  if (moduleName === 'ioredis' || moduleName === 'iovalkey' || moduleName.startsWith('ioredis/')) return 'ioredis';
  if (moduleName === 'redis' || moduleName === '@redis/client' || moduleName === '@node-redis/client' || moduleName.startsWith('@redis/client/') || moduleName in WRAPPED_NODE_REDIS) {
    return 'node-redis';
  }
  if (moduleName === '@upstash/redis' || moduleName.startsWith('@upstash/redis/') || moduleName === '@vercel/kv') return 'upstash';
  if (moduleName === '@valkey/valkey-glide') return 'valkey-glide';
  return undefined;
}

/** The client packages, by the path of a declaration file inside `node_modules`. */
export function libraryOfDeclarationFile(fileName: string): ClientLibrary | undefined {
  const normalized = fileName.replace(/\\/g, '/');
  if (/\/node_modules\/(ioredis|iovalkey)\//.test(normalized)) return 'ioredis';
  if (/\/node_modules\/(@redis\/client|redis|@node-redis\/client)\//.test(normalized)) return 'node-redis';
  if (/\/node_modules\/(@upstash\/redis|@vercel\/kv)\//.test(normalized)) return 'upstash';
  if (/\/node_modules\/@valkey\/valkey-glide\//.test(normalized)) return 'valkey-glide';
  return undefined;
}

/** The client types the client packages export, by name; `library` when only that package has it. */
const CLIENT_TYPE_NAMES: Record<string, { library?: ClientLibrary; cluster: boolean }> = {
  Redis: { cluster: false },
  IORedis: { library: 'ioredis', cluster: false },
  Cluster: { cluster: true },
  RedisClientType: { library: 'node-redis', cluster: false },
  RedisClusterType: { library: 'node-redis', cluster: true },
  RedisClientPoolType: { library: 'node-redis', cluster: false },
  GlideClient: { library: 'valkey-glide', cluster: false },
  GlideClusterClient: { library: 'valkey-glide', cluster: true },
};

/** The client type `exported` names in `library` (`RedisClusterType` of node-redis), if it is one. */
export function clientTypeNamed(exported: string, library: ClientLibrary): { cluster: boolean } | undefined {
  const known = Object.hasOwn(CLIENT_TYPE_NAMES, exported) ? CLIENT_TYPE_NAMES[exported] : undefined;
  return known && (!known.library || known.library === library) ? known : undefined;
}
