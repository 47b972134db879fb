import ts = require('typescript');
import { enclosingFunction } from '../detect/enclosing-function.js';
import { glideTimeUnit } from '../detect/glide-time-unit.js';
import { isWithin } from '../detect/node-range.js';
import { EXPIRING_COMMANDS, setsExpiry, writesWithTtl } from '../detect/expiry.js';
import { conditionBetween, conditionMentions, neverRunsAfter } from '../detect/exclusive-paths.js';
import { KeyPattern } from '../detect/key-pattern.js';
import { keyWords } from '../detect/key-words.js';
import { FreshIds } from '../detect/fresh-ids.js';
import { bindingNames } from '../detect/binding-names.js';
import { isClosedFamily } from '../detect/closed-values.js';
import type { RedisCall } from '../detect/redis-call.js';
import type { DetectionContext } from '../detect/detection-context.js';
import { atLeast } from '../engine/client-versions.js';
import { callNodeRedisMajor } from '../detect/node-redis-generation.js';
import type { TextEdit } from '../engine/finding.js';
import { keyMatchesAny } from '../engine/glob.js';
import { defineRule, IGNORE_TEST_FILES_OPTION } from '../engine/rule.js';
import { callRange } from '../fix/call-range.js';
import { luaCallRange } from '../detect/lua-literals.js';
import { luaUnexpiredWrites } from '../detect/lua-unexpired-writes.js';
import { isStreamEntryId, STREAM_ID_REPLIES } from '../detect/stream-entry-id.js';

type MessageIds = 'missingTtl' | 'setWithoutTtl' | 'pathWithoutTtl' | 'staleMembers' | 'scriptWriteWithoutTtl' | 'addTtl';
interface Options {
  ignoreTestFiles: boolean;
  persistentKeys: string[];
  defaultTtlSeconds: number;
}

/** Writes that create a key and never give it a TTL by themselves. SET is checked for its TTL options separately. */
const CREATING_WRITES = new Set([
  'SET', 'SETNX', 'MSET', 'MSETNX', 'HSET', 'HMSET', 'HSETNX', 'HINCRBY', 'HINCRBYFLOAT', 'SADD', 'ZADD', 'ZINCRBY',
  'LPUSH', 'RPUSH', 'INCR', 'INCRBY', 'INCRBYFLOAT', 'DECR', 'DECRBY', 'APPEND', 'PFADD', 'SETRANGE', 'GEOADD', 'XADD',
]);

/**
 * Removals of one member, and the pops that drain a queue: a collection the code prunes this way empties,
 * and Redis deletes an empty collection.
 */
const MOVES = new Set(['LMOVE', 'BLMOVE', 'RPOPLPUSH', 'BRPOPLPUSH']);
const MEMBER_REMOVALS = new Set(['HDEL', 'SREM', 'ZREM', 'LREM', 'LPOP', 'RPOP', 'BLPOP', 'BRPOP', 'LMPOP', 'BLMPOP', ...MOVES, 'SPOP', 'ZPOPMIN', 'ZPOPMAX', 'BZPOPMIN', 'BZPOPMAX']);

/** Removals of members by age or rank: a sorted set the code trims this way keeps its size. */
const AGE_TRIMS = new Set(['ZREMRANGEBYSCORE', 'ZREMRANGEBYRANK', 'ZREMRANGEBYLEX']);

export default defineRule<MessageIds, Options>({
  id: 'require-ttl',
  meta: {
    description: 'Require an expiry on per-entity keys (sessions, caches, counters), so they do not pile up in memory forever.',
    recommended: true,
    strict: true,
    messages: {
      setWithoutTtl: 'SET writes {{key}} without a TTL, so one key per entity stays in Redis until memory runs out; pass an expiry ({{ttlExample}}) or KEEPTTL.',
      missingTtl: '{{command}} creates {{key}} and nothing in this function gives it a TTL, so one key per entity stays in Redis forever; call EXPIRE on it after the write.',
      pathWithoutTtl:
        '{{command}} creates {{key}} on a path of this function that misses the expiry its other paths give the key, so the key never expires; give this write a TTL too.',
      staleMembers:
        'ZADD stamps the members of {{key}} with the time they came, but nothing here removes old ones (ZREMRANGEBYSCORE) or expires the key, so members left behind pile up forever; prune them by score or give the key a TTL.',
      scriptWriteWithoutTtl:
        'This Lua script expires the other keys it writes but {{command}} creates {{key}} with no expiry, so one such key per caller stays in Redis forever; expire it in the script too.',
      addTtl: 'Expire the key after {{seconds}} seconds.',
    },
    schema: {
      type: 'object',
      properties: {
        ignoreTestFiles: IGNORE_TEST_FILES_OPTION,
        persistentKeys: { type: 'array', items: { type: 'string' }, description: 'Redis glob patterns of keys meant to live forever (`user:*:profile`); writes to them are not reported.' },
        defaultTtlSeconds: { type: 'integer', minimum: 1, description: 'The TTL, in seconds, the "add a TTL" suggestion inserts.' },
      },
      additionalProperties: false,
    },
    defaultOptions: { ignoreTestFiles: true, persistentKeys: [], defaultTtlSeconds: 3600 },
    fixable: false,
    hasSuggestions: true,
    commands: [...CREATING_WRITES, ...EXPIRING_COMMANDS, ...MEMBER_REMOVALS, ...AGE_TRIMS, ...STREAM_ID_REPLIES],
  },
  create(context) {
    const writes: RedisCall[] = [];
    const expiring: RedisCall[] = [];
    const pruned = new Set<string>();
    const trimmed = new Set<string>();
    const streamReplies = new Map<ts.Node, RedisCall>();
    return {
      onRedisCall(call) {
        if (CREATING_WRITES.has(call.command) && !cappedStream(call)) writes.push(call);
      },
      onEnd() {
        // What bounds a write is any command of the file, also one its callers read (a helper's SETEX on the other branch of a TTL test).
        for (const call of context.model.calls) {
          if (STREAM_ID_REPLIES.has(call.command)) streamReplies.set(call.node, call);
          if (EXPIRING_COMMANDS.includes(call.command)) expiring.push(call);
          // A move drains its source, not the list it fills.
          if (MEMBER_REMOVALS.has(call.command)) for (const key of MOVES.has(call.command) ? call.keys.slice(0, 1) : call.keys) pruned.add(key.globSubject);
          if (AGE_TRIMS.has(call.command)) for (const key of call.keys) trimmed.add(key.globSubject);
        }
        const tokensRead = (call: RedisCall): boolean => takesTtlTokens(call, context.clientVersions.redis) || formPerClient(call, expiring);
        const expiries = expiring.filter((call) => setsExpiry(call, tokensRead(call)));
        const freshIds = new FreshIds(context.model.calls, [...context.model.invocations, ...context.model.constructions]);
        for (const script of context.model.luaLiterals) {
          for (const write of luaUnexpiredWrites(script.text, CREATING_WRITES)) {
            context.report({ range: luaCallRange(script, write.start), messageId: 'scriptWriteWithoutTtl', data: { command: write.command, key: write.key } });
          }
        }
        for (const write of writes) {
          if (write.command === 'SET' && writesWithTtl(write, tokensRead(write))) continue;
          // A stream entry's ID is a read position in that stream: it lives as long as the stream does.
          if (write.command === 'SET' && write.args[1] && isStreamEntryId(write.args[1].node, streamReplies, context.model.context.finder)) continue;
          const candidates = write.keys.filter(
            (key) => !keyMatchesAny(key.globSubject, context.options.persistentKeys) && !(pruned.has(key.globSubject) && !timeScored(write)) && !isOwnRecord(key, write, freshIds, context.model.context),
          );
          const key = candidates.find((candidate) => needsTtl(candidate, write, context.model.context));
          // One sorted set of time-stamped members that nothing ages out: the members left behind pile up.
          const stale = !key && timeScored(write) ? candidates.find((candidate) => !candidate.hasDynamicPart && !trimmed.has(candidate.globSubject)) : undefined;
          if (stale && !hasExpiryFor(stale, write, expiries)) {
            context.report({ range: callRange(write), messageId: 'staleMembers', data: { key: quoteKey(stale) }, keys: [{ key: stale, command: write.command }] });
            continue;
          }
          if (!key) {
            // Any key the function itself expires on its other paths: its author meant it to expire.
            const missed = candidates.find((candidate) => candidate.hasDynamicPart && expiredOnOtherPathsOnly(candidate, write, expiries));
            if (missed) context.report({ range: callRange(write), messageId: 'pathWithoutTtl', data: { command: write.command, key: quoteKey(missed) }, keys: [{ key: missed, command: write.command }] });
            continue;
          }
          if (hasExpiryFor(key, write, expiries)) continue;
          const seconds = context.options.defaultTtlSeconds;
          if (write.command === 'SET') {
            const edit = ttlEdit(write, seconds, context.clientVersions.redis);
            context.report({
              range: callRange(write),
              messageId: 'setWithoutTtl',
              keys: [{ key, command: write.command }],
              data: { key: quoteKey(key), ttlExample: ttlExample(write, seconds, context.clientVersions.redis) },
              suggest: edit ? [{ messageId: 'addTtl', data: { seconds }, edits: [edit] }] : undefined,
            });
          } else {
            context.report({ range: callRange(write), messageId: 'missingTtl', data: { command: write.command, key: quoteKey(key) }, keys: [{ key, command: write.command }] });
          }
        }
      },
    };
  },
});

/**
 * A row the application keeps (see `FreshIds.recordOf`). A random id also names sessions and tokens,
 * so a key under one is a row only when nothing in its name says it is temporary.
 */
function isOwnRecord(key: KeyPattern, write: RedisCall, freshIds: FreshIds, context: DetectionContext): boolean {
  // A constant key is one key, never one per record: no need to look for ids.
  if (!key.hasDynamicPart) return false;
  const fresh = freshIds.recordOf(key, write, context);
  return fresh === 'sequence' || (fresh === 'random' && !lifetimeWords(key).some((word) => TEMPORARY.test(word)));
}

/**
 * Names of keys that hold something with a lifetime: sessions, caches, tokens, per-request or
 * time-bucketed counters, feeds, carts, jobs, matched at the start of a word of the key (`count` and
 * `counter`, never the `count` in `account`). A set, hash or list under any other name is taken as
 * the application's own data (an index, a message history, a registry), which must not expire.
 */
const TEMPORARY = /^(sess|cache|cached|token|otp|code|temp|tmp|verif|nonce|state|csrf|lock|limit|throttle|quota|presence|online|active|recent|notif|timeline|feed|inbox|queue|match|move|cart|basket|view|visit|click|hit|popular|trend|stat|metric|count|daily|hour|minute|window|bucket|job|task|import|batch|result|pending|draft|otp|reset|invite|attempt|semaphore|login|seen|dedup)/i;

/**
 * Tallies: a count per window (`views:${day}`, `hits:minute:${n}`) or per requester (`hits:${ip}`, a rate
 * limit) has a lifetime; an all-time total per entity (`post:${id}:views`, `feedback:counts:${path}`) is the application's data.
 */
const COUNTER = /^(view|visit|click|hit|stat|metric|count)/i;
const WINDOW = /^(daily|hourly|weekly|monthly|hour|minute|min|day|today|date|week|month|window|bucket|period|slot|interval|epoch|ts|timestamp|time|now|second|sec|iso)/i;
const REQUESTER = /^(ip|session|sess|token|client|visitor|device|user|uid|fingerprint|requester|caller|tracker|limit|rate|throttle)/i;

/** Whether a collection's name says its data has a lifetime. */
function namesLifetime(key: KeyPattern): boolean {
  const words = lifetimeWords(key).filter((word) => TEMPORARY.test(word));
  if (words.length === 0) return false;
  if (words.some((word) => !COUNTER.test(word))) return true;
  return keyWords(key).some((word) => WINDOW.test(word) || REQUESTER.test(word));
}

/**
 * A key that piles up one copy per entity: built from literal text and a run-time value (one per
 * user, session or request), or for a plain SET any run-time key that the function makes itself
 * (a new id, a request's URL), not one it is handed (a cache helper's `key` parameter is its caller's to
 * expire). Writes of collections need a name that says the data is temporary.
 */
function needsTtl(key: KeyPattern, write: RedisCall, context: DetectionContext): boolean {
  if (!key.parts.some((part) => part.kind === 'dynamic' && !NAMESPACE.test(valueName(part.expr)))) return false;
  // A key builder's name speaks for the key it builds: `sessionsKey(id)`.
  const built = key.parts.some((part) => part.kind === 'dynamic' && /^[\w$.]+\(/.test(part.expr));
  const perEntity =
    write.command === 'SET' ? key.hasTextPart || (!isParameterOf(key.node, write) && !isNamedConstant(key.node)) : (key.hasTextPart || built) && namesLifetime(key);
  // A few keys named by an enum or a union of literals are not one per entity.
  return perEntity && !isClosedFamily(key, context);
}

/** A namespace the deployment configures (`${this.prefix}`, `options.keyPrefix`, `opts.redisRootKey`, `ns`): one value per deployment, not one per entity. */
const NAMESPACE = /^(ns|root)$|(prefix|namespace|root_?key)$/i;

/**
 * The words that name what a key holds: its literal text, the key builders it calls (`sessionsKey(id)`) and
 * the names of the values it is made of (`${checkoutToken}`), but not the objects those values are read
 * from (`packageNo:${activeCompany.id}` holds no activity). A key with no such word is named by all of it.
 */
function lifetimeWords(key: KeyPattern): string[] {
  const named = new KeyPattern(
    key.parts.map((part) => (part.kind === 'text' ? part : { kind: 'text' as const, value: valueName(part.expr) })),
    key.node,
  );
  const words = keyWords(named);
  return words.length > 0 ? words : keyWords(key);
}

/**
 * `sessionsKey(id)` → `sessionsKey`; `user.checkoutToken` → `checkoutToken`; `this.queueObject.connection.key(…)`
 * → `key` (the builder, not the objects it is reached through); anything else names nothing.
 */
function valueName(expr: string): string {
  const call = /^([\w$.]+)\(/.exec(expr);
  const path = call ? call[1]! : expr;
  return /^[\w$]+(\.[\w$]+)*$/.test(path) ? path.slice(path.lastIndexOf('.') + 1) : '';
}

/** `xadd(key, 'MAXLEN', '~', 1000, '*', …)`: a stream capped by length or age holds a bounded log, whoever owns it. */
function cappedStream(call: RedisCall): boolean {
  if (call.command !== 'XADD') return false;
  return call.args.some((arg) => arg.value !== undefined && /^(MAXLEN|MINID)$/i.test(arg.value)) || call.optionObjects.some((object) => /\bTRIM\b/.test(object.getText()));
}

/** `zadd(key, Date.now(), member)`: members stamped with the time they came, meant to age out, which removing some by hand does not do for the ones left behind. */
function timeScored(write: RedisCall): boolean {
  return write.command === 'ZADD' && write.args.some((arg) => /\bDate\.now\(\)|\.getTime\(\)|\bnew Date\b/.test(arg.node.getText()));
}

/** `CACHE_KEYS.TEST_KEY`, `HEALTH_KEY`: one fixed key under a constant's name. */
function isNamedConstant(node: ts.Expression): boolean {
  const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
  return name !== undefined && /^[A-Z][A-Z0-9_]*$/.test(name);
}

function isParameterOf(node: ts.Expression, write: RedisCall): boolean {
  const fn = write.context.fn;
  let inner = ts.isParenthesizedExpression(node) ? node.expression : node;
  // `opts.key`: the key an options parameter carries is the caller's too (not `req.params.id`, a request's value).
  if (ts.isPropertyAccessExpression(inner) && /key$/i.test(inner.name.text)) inner = inner.expression;
  if (fn === undefined || !ts.isIdentifier(inner)) return false;
  const name = inner.text;
  const positional = fn.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name);
  if (positional && inner === node) return true;
  // `({ key, data }) => client.set(key, data)` and `options.key`: the caller's too, unless the function is a
  // handler, whose argument is the request's (`({ body: { roomCode } }) => set(roomCode, …)`).
  return write.context.hotPath?.kind !== 'handler' && (positional || fn.parameters.some((parameter) => bindingNames(parameter.name, new Set()).has(name)));
}


/**
 * Whether the client reads `'EX', 10` after the value: ioredis and node-redis v3 do; node-redis v4+
 * (known by its version, or by `.connect()`, which v3 lacks) takes an options object and ignores them.
 */
function takesTtlTokens(call: RedisCall, installed: string | undefined): boolean {
  if (call.client.library !== 'node-redis') return true;
  const major = callNodeRedisMajor(call, installed);
  if (major !== undefined) return major <= 3;
  return !/\.connect\s*\(\s*\)/.test(call.node.getSourceFile().text);
}

/**
 * `if (isIoredis) set(k, v, 'EX', n) else set(k, v, { EX: n })`: code that takes any client and writes the
 * expiry in each one's own form, so the tokens are for a client that reads them, whatever redis is installed.
 */
function formPerClient(write: RedisCall, sets: readonly RedisCall[]): boolean {
  const key = write.keys[0]?.signature;
  return sets.some(
    (other) =>
      other !== write &&
      other.command === write.command &&
      other.optionObjects.length > 0 &&
      writesWithTtl(other, false) &&
      other.keys[0]?.signature === key &&
      conditionBetween(write.node, other.node) !== undefined,
  );
}

/**
 * An expiry of the key that may run after the write, or one on the other side of a branch on the TTL
 * itself (`if (ttl) set(k, v, 'EX', ttl) else set(k, v)`): a key its author chose to keep when no TTL is configured.
 */
function hasExpiryFor(key: KeyPattern, write: RedisCall, expiries: readonly RedisCall[]): boolean {
  return expiriesOf(key, write, expiries).some(
    (expiry) => (write.batch && expiry.batch === write.batch) || !neverRunsAfter(write.node, expiry.node) || branchesOnTtl(conditionBetween(write.node, expiry.node), expiry),
  );
}

function branchesOnTtl(condition: ts.Expression | undefined, expiry: RedisCall): boolean {
  // The TTL's words: what follows the key (and the value, for SET and GETEX).
  return condition !== undefined && conditionMentions(condition, expiry.node.arguments.slice(expiry.command === 'SET' || expiry.command === 'GETEX' ? 2 : 1));
}

function expiredOnOtherPathsOnly(key: KeyPattern, write: RedisCall, expiries: readonly RedisCall[]): boolean {
  const found = expiriesOf(key, write, expiries);
  return found.length > 0 && !hasExpiryFor(key, write, found);
}

/** Expiries of the key in the write's batch or function. */
function expiriesOf(key: KeyPattern, write: RedisCall, expiries: readonly RedisCall[]): RedisCall[] {
  return expiries.filter((expiry) => {
    const sameFlow = (write.batch && expiry.batch === write.batch) || (write.context.fn !== undefined && expiry.context.fn === write.context.fn) || runsInCallbackOf(expiry, write);
    return sameFlow && expiry !== write && expiry.keys.some((candidate) => candidate.signature === key.signature);
  });
}

/**
 * `set(k, v).then(() => expire(k, n))`, `client.set(k, v, () => client.expire(k, n, done))`: the expiry
 * runs in a callback handed to the write itself or to the promise it returns, at any depth.
 */
function runsInCallbackOf(expiry: RedisCall, write: RedisCall): boolean {
  for (let fn = expiry.context.fn; fn && fn !== write.context.fn; fn = enclosingFunction(fn)) {
    const call = fn.parent;
    if (call && ts.isCallExpression(call) && call.arguments.some((argument) => argument === fn) && isWithin(write.node, call) && !isWithin(write.node, fn)) return true;
  }
  return false;
}

function quoteKey(key: KeyPattern): string {
  return `"${key.display}"`;
}

function ttlExample(call: RedisCall, seconds: number, redisVersion: string | undefined, timeUnit = 'TimeUnit'): string {
  // ioredis and node-redis 3 read the expiry as tokens after the value.
  if (call.client.library === 'ioredis' || (call.client.library === 'node-redis' && (callNodeRedisMajor(call, redisVersion) ?? 4) <= 3)) return `'EX', ${seconds}`;
  // GLIDE 2.5.2: SetOptions.expiry is `{ type: TimeUnit, count }` or "keepExisting".
  if (call.client.library === 'valkey-glide') return `{ expiry: { type: ${timeUnit}.Seconds, count: ${seconds} } }`;
  if (call.client.library === 'upstash') return `{ ex: ${seconds} }`;
  return nodeRedisTtl(seconds, redisVersion);
}

function nodeRedisTtl(seconds: number, redisVersion: string | undefined): string {
  // node-redis 5 replaced `{ EX }` with `{ expiration }`; 4 only knows `{ EX }`.
  return redisVersion && !atLeast(redisVersion, 5) ? `{ EX: ${seconds} }` : `{ expiration: { type: 'EX', value: ${seconds} } }`;
}

/** Adds the TTL to a `set(key, value)` that has no options yet. */
function ttlEdit(call: RedisCall, seconds: number, redisVersion: string | undefined): TextEdit | undefined {
  if (call.via !== 'method' || call.node.arguments.length !== 2) return undefined;
  const value = call.node.arguments[1]!;
  if (ts.isSpreadElement(value)) return undefined;
  const timeUnit = call.client.library === 'valkey-glide' ? glideTimeUnit(call.node.getSourceFile()) : undefined;
  if (call.client.library === 'valkey-glide' && !timeUnit) return undefined;
  return { start: value.getEnd(), end: value.getEnd(), text: `, ${ttlExample(call, seconds, redisVersion, timeUnit)}` };
}
