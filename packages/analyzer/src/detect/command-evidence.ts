import ts = require('typescript');
import { clientOfProjectInterface } from './client-interface.js';
import { libraryOfModule, type ClientLibrary } from './client-library.js';
import type { ClientRef } from './client-site.js';
import { commandForMethod } from './command-table.js';
import type { DetectionContext } from './detection-context.js';
import { moduleBindingOf, skipOuter } from './module-binding.js';

/**
 * Commands whose method names only Redis clients have. Left out on purpose: what Maps, caches and
 * other stores share (GET, SET, DEL, KEYS without a pattern, EXISTS, TTL, MGET, MSET, INCR, DECR,
 * APPEND, TOUCH), what event buses and streams share (PUBLISH, SUBSCRIBE, PIPELINE, MULTI), and
 * generic words (TYPE, RENAME, SORT, SCAN, WATCH, INFO, PING, QUIT, SELECT, AUTH).
 */
const REDIS_ONLY = new Set([
  'SADD', 'SREM', 'SMEMBERS', 'SISMEMBER', 'SMISMEMBER', 'SCARD', 'SPOP', 'SRANDMEMBER', 'SUNION', 'SINTER', 'SDIFF', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'SMOVE', 'SSCAN',
  'HGET', 'HSET', 'HMSET', 'HMGET', 'HGETALL', 'HDEL', 'HEXISTS', 'HINCRBY', 'HINCRBYFLOAT', 'HKEYS', 'HVALS', 'HLEN', 'HSETNX', 'HSCAN', 'HSTRLEN',
  'ZADD', 'ZREM', 'ZRANGE', 'ZREVRANGE', 'ZRANGEBYSCORE', 'ZREVRANGEBYSCORE', 'ZRANGEBYLEX', 'ZSCORE', 'ZINCRBY', 'ZCARD', 'ZCOUNT', 'ZRANK', 'ZREVRANK', 'ZREMRANGEBYSCORE', 'ZREMRANGEBYRANK', 'ZPOPMIN', 'ZPOPMAX', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZSCAN', 'ZMSCORE',
  'LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX', 'LPOP', 'RPOP', 'LRANGE', 'LLEN', 'LTRIM', 'LREM', 'LINDEX', 'LSET', 'LINSERT', 'LPOS', 'LMOVE', 'BLPOP', 'BRPOP', 'BRPOPLPUSH', 'RPOPLPUSH', 'BLMOVE',
  'SETEX', 'PSETEX', 'SETNX', 'GETSET', 'GETEX', 'GETDEL', 'MSETNX', 'INCRBY', 'INCRBYFLOAT', 'DECRBY',
  'EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT', 'PTTL', 'PERSIST', 'FLUSHDB', 'FLUSHALL', 'DBSIZE',
  'XADD', 'XREAD', 'XREADGROUP', 'XRANGE', 'XREVRANGE', 'XLEN', 'XACK', 'XGROUP', 'XTRIM', 'XDEL', 'XCLAIM', 'XAUTOCLAIM', 'XPENDING',
  'PFADD', 'PFCOUNT', 'PFMERGE', 'GEOADD', 'GEORADIUS', 'GEOSEARCH', 'GEODIST', 'GEOPOS', 'EVALSHA', 'SETBIT', 'GETBIT', 'BITCOUNT', 'PSUBSCRIBE',
]);

const REDIS_NAME = /^(redis|redisClient|redisConnection|redisConn|redisDb|redisInstance|ioredis|valkey|valkeyClient)$/i;
/** `getRedis()`, `useRedis()`, `getRedisClient()`, `getPubSubRedis()`, `getRedisSubscriber()`: a project's accessor of its client. */
const REDIS_FACTORY = /^(get|use)([A-Z][A-Za-z]*)?(Redis|Valkey)(Client|Connection|Instance|Subscriber|Publisher)?$/;
/** `getRedisCluster()`, `getCluster()`: the project's accessor of its cluster client. */
const CLUSTER_FACTORY = /^(get|use)(Redis|Valkey)?Cluster(Client|Connection|Instance)?$/;
/** A service's accessor of its client, and the services named for Redis that have one. */
const SERVICE_ACCESSOR = /^(get|use)?(Client|Connection|Instance)$/i;
const REDIS_OWNER = /^(redis|valkey)([A-Z_]\w*)?$|^\w*(Redis|Valkey)(Service|Manager|Provider|Wrapper|Store|Pool)$/;

function ownerName(node: ts.Expression): string | undefined {
  const inner = skipOuter(node);
  return ts.isIdentifier(inner) ? inner.text : ts.isPropertyAccessExpression(inner) ? inner.name.text : undefined;
}

/** The last segment of a module path of the project's own that holds its Redis client. */
const REDIS_MODULE = /(^|\/)(redis|redis[-_.]?client|redis[-_.]?connection|ioredis|valkey)(\.[cm]?[jt]s)?$/i;

/** node-cache spells these the way node-redis does, and means its own in-memory store. */
const SHARED_SPELLINGS = new Set(['flushAll', 'getTtl']);

/** Packages whose objects answer some Redis-named methods but are no Redis client. */
const NOT_REDIS = /^(node-cache|lru-cache|keyv|cache-manager|memory-cache|ioredis-mock|redis-mock|fakeredis|redis-memory-server|@keyv\/|memcached|memjs)/;

/**
 * Clients by evidence: a receiver whose type nothing resolves (a module out of sight, a parameter,
 * `app.locals.redis`, `any`) is a client when this file calls it with Redis-only command methods in
 * Redis's argument shapes (`smembers`, `hGetAll`, `setex`, `keys('session:*')`). A receiver the
 * checker types as anything else, or that is built, imported from another package or declared as
 * something, stays out: Maps, Sets, in-memory caches and the project's own classes.
 */
export class CommandEvidence {
  private readonly strong = new Map<string, ClientLibrary>();
  private readonly decided = new Map<ts.Node, ClientRef | null>();
  /** node-redis when the file spells commands its way (`hGetAll`, `setEx`), else ioredis. */
  private readonly spelling: ClientLibrary;
  private readonly lookalike: boolean;

  constructor(
    candidates: ReadonlyArray<ts.CallExpression | ts.NewExpression>,
    private readonly context: DetectionContext,
  ) {
    this.spelling = /\.(sMembers|hGetAll|hSet|setEx|sAdd|zAdd|lPush|rPush|lRange|zRange|hGet|sRem|hDel|pExpire|flushDb|xAdd)\s*\(/.test(context.sourceFile.text) ? 'node-redis' : 'ioredis';
    // A file that imports a Redis mock or an in-memory store talks to that under Redis's names.
    this.lookalike = importsLookalike(context.sourceFile);
    if (this.lookalike) return;
    for (const call of candidates) {
      if (!ts.isCallExpression(call)) continue;
      const callee = skipOuter(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || !isRedisOnly(callee.name.text, call)) continue;
      const key = receiverKey(callee.expression, context);
      if (key === undefined) continue;
      const spelledLikeNodeRedis = /[a-z][A-Z]/.test(callee.name.text) || /^[A-Z]+$/.test(callee.name.text);
      if (!this.strong.has(key) || spelledLikeNodeRedis) this.strong.set(key, spelledLikeNodeRedis ? 'node-redis' : (this.strong.get(key) ?? 'ioredis'));
    }
    if (this.strong.size > 0) this.followHandedClients(candidates);
  }

  /** A value the file hands to a parameter of its own function that the evidence shows is a client is that client: `acquireLock(client, name)`. */
  private followHandedClients(candidates: ReadonlyArray<ts.CallExpression | ts.NewExpression>): void {
    for (const call of candidates) {
      if (!ts.isCallExpression(call)) continue;
      const callee = skipOuter(call.expression);
      const fn = ts.isIdentifier(callee) ? this.context.finder.find(callee) : undefined;
      if (!fn || !ts.isFunctionDeclaration(fn) || fn.getSourceFile() !== this.context.sourceFile) continue;
      call.arguments.forEach((argument, index) => {
        const parameter = fn.parameters[index];
        if (!parameter || !ts.isIdentifier(parameter.name)) return;
        const library = this.strong.get(receiverKey(parameter.name, this.context) ?? '');
        const key = ts.isIdentifier(skipOuter(argument)) ? receiverKey(argument, this.context) : undefined;
        if (library && key !== undefined && !this.strong.has(key)) this.strong.set(key, library);
      });
    }
  }

  /** The client `receiver` is by evidence, or undefined. */
  clientOf(receiver: ts.Expression): ClientRef | undefined {
    const node = skipOuter(receiver);
    const known = this.decided.get(node);
    if (known !== undefined) return known ?? undefined;
    if (this.lookalike) return undefined;
    let ref: ClientRef | undefined;
    const key = this.strong.size > 0 ? receiverKey(node, this.context) : undefined;
    const named = this.namedRedis(node);
    const library = (key === undefined ? undefined : this.strong.get(key)) ?? (named ? this.spelling : undefined);
    if (library && !this.declaredOtherwise(node)) ref = { library, cluster: named === 'cluster', site: undefined, name: node.getText(this.context.sourceFile), evidence: 'inferred' };
    this.decided.set(node, ref ?? null);
    return ref;
  }

  /**
   * Named for Redis: a binding or property called `redis`, `redisClient`…, what a module of the
   * project named for Redis (`./db/redis`, `@/lib/redis-client`) exports, or what the project's
   * accessor gives (`getRedis()`; `getCluster()` in a file that imports a client package).
   */
  private namedRedis(node: ts.Expression, depth = 0): 'client' | 'cluster' | undefined {
    const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
    if (name !== undefined && REDIS_NAME.test(name)) return 'client';
    if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      const factory = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (factory === undefined) return undefined;
      if (REDIS_FACTORY.test(factory)) return 'client';
      // `redisService.getClient()`, `this.redisManager.getConnection()`: the client a Redis service hands out.
      if (ts.isPropertyAccessExpression(callee) && SERVICE_ACCESSOR.test(factory) && REDIS_OWNER.test(ownerName(callee.expression) ?? '')) return 'client';
      return CLUSTER_FACTORY.test(factory) && (/Redis|Valkey/.test(factory) || this.importsClientPackage()) ? 'cluster' : undefined;
    }
    if (!ts.isIdentifier(node)) return undefined;
    const declaration = this.context.finder.find(node);
    if (!declaration) return undefined;
    // `const cluster = getCluster()`: the binding is what the accessor gave.
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && depth === 0) return this.namedRedis(skipOuter(declaration.initializer), depth + 1);
    const binding = moduleBindingOf(declaration);
    return binding !== undefined && !NOT_REDIS.test(binding.module) && REDIS_MODULE.test(binding.module) && libraryOfModule(binding.module) === undefined ? 'client' : undefined;
  }

  private importsClientPackage(): boolean {
    return this.context.sourceFile.statements.some((statement) => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && libraryOfModule(statement.moduleSpecifier.text) !== undefined);
  }

  /** The receiver is something else in plain sight: typed by the checker, built here, imported from a package, annotated. */
  private declaredOtherwise(node: ts.Expression): boolean {
    const checker = this.context.checker;
    if (checker) {
      try {
        const type = checker.getTypeAtLocation(node);
        // A project's own face of a client (`interface AppRedis extends Omit<RedisClientType, 'get'>`) is still one.
        if (!(type.flags & ts.TypeFlags.Any)) return clientOfProjectInterface(type, checker) === undefined;
      } catch {
        return true;
      }
    }
    const root = rootIdentifier(node);
    const declaration = root && this.context.finder.find(root);
    if (!declaration) return false;
    const binding = moduleBindingOf(declaration);
    // A package the checker did not resolve may be a path alias of the project's own (`lib/redis`): only known look-alikes are ruled out.
    if (binding) return NOT_REDIS.test(binding.module);
    if (node !== root) return false;
    if ((ts.isParameter(declaration) || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.type) {
      return declaration.type.kind !== ts.SyntaxKind.AnyKeyword;
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const initializer = skipOuter(declaration.initializer);
      return ts.isNewExpression(initializer) || ts.isObjectLiteralExpression(initializer) || ts.isArrayLiteralExpression(initializer) || ts.isLiteralExpression(initializer);
    }
    return ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration) || ts.isEnumDeclaration(declaration);
  }
}

function importsLookalike(sourceFile: ts.SourceFile): boolean {
  return /['"`](node-cache|lru-cache|memory-cache|ioredis-mock|redis-mock|fakeredis|redis-memory-server)['"`/]/.test(sourceFile.text);
}

function isRedisOnly(method: string, call: ts.CallExpression): boolean {
  if (SHARED_SPELLINGS.has(method)) return false;
  const command = commandForMethod(method);
  if (!command) return false;
  const [first, second] = call.arguments;
  if (command === 'KEYS') return first !== undefined && isPattern(first);
  if (command === 'EXPIRE' || command === 'PEXPIRE') return second !== undefined;
  // A Redis command names its key first: a callback or an object first is some other API.
  if (first && (ts.isArrowFunction(first) || ts.isFunctionExpression(first))) return false;
  return REDIS_ONLY.has(command) && (command === 'FLUSHDB' || command === 'FLUSHALL' || command === 'DBSIZE' || first !== undefined);
}

function isPattern(argument: ts.Expression): boolean {
  const node = skipOuter(argument);
  if (ts.isStringLiteralLike(node)) return /[*?[]/.test(node.text);
  if (ts.isTemplateExpression(node)) return /[*?[]/.test(node.head.text + node.templateSpans.map((span) => span.literal.text).join(''));
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return isPattern(node.left) || isPattern(node.right);
  // `keys(pattern)`, `keys(this.regionPattern(region))`.
  const named = ts.isCallExpression(node) ? skipOuter(node.expression) : node;
  const name = ts.isIdentifier(named) ? named.text : ts.isPropertyAccessExpression(named) ? named.name.text : undefined;
  return name !== undefined && /pattern|glob/i.test(name);
}

/**
 * What identifies a receiver across a file's calls: its declaration, `this.member` of its class, or
 * for a property of something else (`app.locals.redis`, `req.redisClient`, `fastify.redis`) the
 * property's name.
 */
function receiverKey(expression: ts.Expression, context: DetectionContext): string | undefined {
  const node = skipOuter(expression);
  if (ts.isIdentifier(node)) {
    const declaration = context.finder.find(node);
    return declaration ? `declared:${declaration.getSourceFile().fileName}:${declaration.pos}` : `global:${node.text}`;
  }
  if (ts.isPropertyAccessExpression(node)) {
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      for (let current = node.parent; current; current = current.parent) if (ts.isClassLike(current)) return `this:${current.pos}:${node.name.text}`;
      return `this:${node.name.text}`;
    }
    return `property:${node.name.text}`;
  }
  return undefined;
}

function rootIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  let node = skipOuter(expression);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = skipOuter(node.expression);
  return ts.isIdentifier(node) ? node : undefined;
}
