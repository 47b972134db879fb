import { whereText } from '../detect/where.js';
import { exportedApiName, exportedCallerOf } from '../detect/exported-api.js';
import type { RedisCall } from '../detect/redis-call.js';
import type { CodeContext } from '../detect/client-site.js';
import type { KeyPattern } from '../detect/key-pattern.js';
import { defineRule, IGNORE_TEST_FILES_OPTION } from '../engine/rule.js';
import { keyMatchesAny } from '../engine/glob.js';
import { callRange } from '../fix/call-range.js';
import { keyUsesOf } from '../engine/finding-key.js';
import { callNodeRedisMajor } from '../detect/node-redis-generation.js';
import type { TextEdit } from '../engine/finding.js';
import ts = require('typescript');
import { SCRIPT_CALLS, scriptTrimmedKeys } from '../detect/script-trimmed-keys.js';
import { loopsOverFixedList } from '../detect/fixed-loop.js';
import { keyWords, textWords } from '../detect/key-words.js';

type MessageIds = 'unboundedRead' | 'unboundedRange' | 'unboundedJobs' | 'useScanIterator' | 'boundRange';
interface Options {
  ignoreTestFiles: boolean;
  allowKeys: string[];
  rangeLimit: number;
}

/** Commands that return a whole collection however large it grows. */
const WHOLE_COLLECTION: Record<string, { ioredis: string; nodeRedis: string } | undefined> = {
  SMEMBERS: { ioredis: 'sscanStream', nodeRedis: 'sScanIterator' },
  HGETALL: { ioredis: 'hscanStream', nodeRedis: 'hScanIterator' },
  HKEYS: { ioredis: 'hscanStream', nodeRedis: 'hScanIterator' },
  HVALS: { ioredis: 'hscanStream', nodeRedis: 'hScanIterator' },
  SUNION: undefined,
  SINTER: undefined,
  SDIFF: undefined,
};
// Not ZREMRANGEBYSCORE: a window by score bounds a set by age, and a week of a chat's messages is no small set.
const TRIMS = new Set(['LTRIM', 'ZREMRANGEBYRANK', 'XTRIM']);

/** Reads of a whole hash, which is often one entity's record (`user:${id}`) with a fixed set of fields. */
const RECORD_READS = new Set(['HGETALL', 'HVALS', 'HKEYS']);
/**
 * Words that name a collection that grows: plurals (not `status`, `analysis` or `news`, one item's), and
 * collection nouns as a whole word, at a compound's end (`wishlist`, `eventlog`) or, for a few, its start
 * (`subscribers`, `historyItems`). Not inside another word: `asset`, `wallet`, `feedback` and `blog` are one record.
 */
const COLLECTION_WORD = /(?<![siu]|^new)s$|^all$|(list|index|idx|map|set|log|queue|feed|timeline|registry|inbox|buffer|cart|basket|history|members|online|presence)$|^(subscri|member|histor|deltas|online|presence|queue|timeline|registry|inbox|buffer|cart|basket|index|idx|feed(?!back))/i;
/** Singular nouns that end in a collection word. */
const SINGULAR_WORD = /^(as|pre|clo|off|re|sun|on|in|out|up|cor|mind)set$|^(b|dia|ana|pro)log$/i;

function isCollectionWord(word: string): boolean {
  return COLLECTION_WORD.test(word) && !SINGULAR_WORD.test(word);
}

/**
 * One entity's record: a per-entity key whose words around the entity's id are singular (`user:${id}`,
 * `session:${id}`, `user:${id}:profile`, an id alone), not `messages:${room}`, `subs:${project}:active`
 * or `room:${id}:members`. Words further out name a namespace: `openai_responses_account:${id}` and
 * `system:metrics:minute:${n}` are one account's and one minute's record. A key of several ids is an
 * index by each of them: any collection word in it counts.
 */
function isRecordKey(key: KeyPattern): boolean {
  const dynamic = key.parts.flatMap((part, index) => (part.kind === 'dynamic' ? [index] : []));
  if (dynamic.length === 0) return false;
  const wordsOf = (parts: KeyPattern['parts']): string[] => parts.flatMap((part) => (part.kind === 'text' ? textWords(part.value) : []));
  const around = [...wordsOf(key.parts.slice(0, dynamic[0])).slice(-1), ...wordsOf(key.parts.slice(dynamic[0]! + 1))];
  return !(dynamic.length > 1 ? wordsOf(key.parts) : around).some(isCollectionWord);
}

/** Who a collection belongs to, when it is one person's: `user_sockets:${userId}`, `account:${id}:sessions`. */
const OWNER_WORD = /^(user|uid|account|member|player|customer|author|owner|profile)s?$/i;
/** What a person holds open at once: a few tabs, devices or logins, not the app's data. */
const HANDLE_WORD = /^(socket|session|connection|conn|device|tab|token|subscription|sub|login)s?$/i;
/** Or what is open of theirs right now: `online:user:${id}` holds the devices one user has connected. */
const PRESENCE_WORD = /^(online|connected|presence)$/i;
/** Removals of one member, on a disconnect or a logout. */
const MEMBER_REMOVALS = new Set(['SREM', 'HDEL', 'ZREM']);

/**
 * One person's live handles (`user_sockets:${userId}`, `user:${id}:sessions`, `online:user:${id}`) that the code takes out
 * one by one as each closes (SREM on disconnect or logout, here or in a linked module): a few at a time, by design.
 */
function isLiveHandleSet(key: KeyPattern, removed: () => ReadonlySet<string>): boolean {
  if (!key.hasDynamicPart) return false;
  const words = keyWords(key);
  return words.some((word) => OWNER_WORD.test(word)) && words.some((word) => HANDLE_WORD.test(word) || PRESENCE_WORD.test(word)) && removed().has(key.globSubject);
}

const INDEX_RANGES = new Set(['LRANGE', 'ZRANGE', 'ZREVRANGE']);
const SCORE_RANGES: Record<string, [string, string]> = {
  ZRANGEBYSCORE: ['-inf', '+inf'],
  ZREVRANGEBYSCORE: ['+inf', '-inf'],
  ZRANGEBYLEX: ['-', '+'],
  ZREVRANGEBYLEX: ['+', '-'],
  XRANGE: ['-', '+'],
  XREVRANGE: ['+', '-'],
};

export default defineRule<MessageIds, Options>({
  id: 'no-unbounded-reads',
  meta: {
    description: 'Disallow reading a whole set, hash, list, sorted set or stream on a request path, where it grows with the data.',
    recommended: true,
    strict: true,
    messages: {
      unboundedRead: '{{command}}{{where}} returns the whole collection in one reply and blocks Redis for as long as it takes to build; read it incrementally with {{scan}} or keep the collection small.',
      unboundedRange: '{{command}}{{where}} reads the whole range in one reply, so its cost grows with the collection; bound the range or add {{limit}}.',
      unboundedJobs:
        'The queue\'s {{method}}(){{where}} reads every job in those states (LRANGE/ZRANGE 0 -1, then one HGETALL per job), so its cost grows with the backlog; pass start and end to read a page.',
      useScanIterator: 'Iterate with {{scan}} instead.',
      boundRange: 'Read at most {{count}} elements.',
    },
    schema: {
      type: 'object',
      properties: {
        ignoreTestFiles: IGNORE_TEST_FILES_OPTION,
        allowKeys: { type: 'array', items: { type: 'string' }, description: 'Redis glob patterns of keys known to stay small (`config:*`); reads of them are not reported.' },
        rangeLimit: { type: 'integer', minimum: 1, description: 'How many elements the "bound the range" suggestion reads.' },
      },
      additionalProperties: false,
    },
    defaultOptions: { ignoreTestFiles: true, allowKeys: [], rangeLimit: 100 },
    fixable: false,
    hasSuggestions: true,
    commands: [...Object.keys(WHOLE_COLLECTION), ...INDEX_RANGES, ...Object.keys(SCORE_RANGES), ...TRIMS, ...SCRIPT_CALLS, ...MEMBER_REMOVALS],
  },
  create(context) {
    // A list or sorted set this file trims (LTRIM, ZREMRANGEBYRANK, XTRIM), itself or in a Lua script, is bounded by design.
    const trimmed = new Set(
      [...context.model.calls.filter((call) => TRIMS.has(call.command)).flatMap((call) => call.keys), ...scriptTrimmedKeys(context.model.calls, context.model.luaLiterals, TRIMS)].map(
        (key) => key.globSubject,
      ),
    );
    // Asked only for a key shaped like one person's handles: the modules linked to this one (typed mode) count, where disconnects are often handled.
    let removals: Set<string> | undefined;
    const removed = (): ReadonlySet<string> =>
      (removals ??= new Set(
        [context.model, ...context.linkedModels()].flatMap((model) => model.calls.filter((call) => MEMBER_REMOVALS.has(call.command)).flatMap((call) => call.keys.map((key) => key.globSubject))),
      ));
    const allowed = (call: RedisCall): boolean =>
      call.keys.length > 0 &&
      call.keys.every((key) => keyMatchesAny(key.globSubject, context.options.allowKeys) || trimmed.has(key.globSubject) || isLiveHandleSet(key, removed));
    // A module's API that no file in sight calls (one file of a larger app, a store's methods) serves its callers' requests.
    // That reason is about callers out of sight: a helper's command read at its calls in sight is not reported again at each.
    const whereOf = (code: CodeContext, through: boolean, node: ts.Node): string | undefined => {
      if (code.hotPath || (code.inLoop && !loopsOverFixedList(node, context.model.context))) return whereText(code);
      if (through || context.importedByOthers !== false) return undefined;
      const api = exportedApiName(code.fn);
      if (api !== undefined) return ` in ${api}(), which this module exports to callers out of sight,`;
      const caller = exportedCallerOf(code.fn);
      return caller ? ` in ${caller.via}(), which ${caller.api}() calls and this module exports to callers out of sight,` : undefined;
    };
    return {
      onEnd() {
        for (const read of context.model.queueReads) {
          const where = whereOf(read.context, false, read.node);
          if (where !== undefined) context.report({ range: [read.node.getStart(), read.node.getEnd()], messageId: 'unboundedJobs', data: { method: read.method, where } });
        }
      },
      onRedisCall(call) {
        const where = whereOf(call.context, call.through !== undefined, call.node);
        if (where === undefined) return;
        if (call.command in WHOLE_COLLECTION) {
          if (allowed(call) || (RECORD_READS.has(call.command) && call.keys.length > 0 && call.keys.every(isRecordKey))) return;
          const iterator = WHOLE_COLLECTION[call.command];
          // node-redis 3 has no scan iterators: its sscan/hscan take a cursor, as GLIDE's do.
          const v3 = call.client.library === 'node-redis' && callNodeRedisMajor(call, context.clientVersions.redis) === 3;
          const scanName = iterator ? (v3 ? `${iterator.ioredis.replace(/Stream$/, '')}(key, cursor) until the cursor is '0'` : scanMethodOf(call, iterator)) : 'SSCAN';
          // GLIDE's sscan/hscan take a cursor and return one page: no rename keeps the code working.
          const edit = iterator && !v3 && call.via === 'method' && !call.batch && call.client.library !== 'upstash' && call.client.library !== 'valkey-glide' ? renameMethod(call, scanName) : undefined;
          context.report({
            range: callRange(call),
            messageId: 'unboundedRead',
            keys: keyUsesOf(call),
            data: { command: call.command, where, scan: iterator ? (v3 ? scanName : `${scanName}()`) : 'SSCAN over each set' },
            suggest: edit ? [{ messageId: 'useScanIterator', data: { scan: `${scanName}()` }, edits: [edit] }] : undefined,
          });
          return;
        }
        if (INDEX_RANGES.has(call.command)) {
          const stop = call.args[2];
          if (stop?.value !== '-1' || hasLimit(call) || allowed(call)) return;
          const start = call.args[1]?.value;
          // `-5, -1`: the last five, counted from the end.
          if (start !== undefined && /^-\d+$/.test(start)) return;
          const count = context.options.rangeLimit;
          const bounded = start !== undefined && /^\d+$/.test(start) ? String(Number(start) + count - 1) : undefined;
          context.report({
            range: callRange(call),
            messageId: 'unboundedRange',
            data: { command: call.command, where, limit: 'a LIMIT' },
            keys: keyUsesOf(call),
            suggest: bounded ? [{ messageId: 'boundRange', data: { count }, edits: [{ start: stop.node.getStart(), end: stop.node.getEnd(), text: bounded }] }] : undefined,
          });
          return;
        }
        const fullRange = SCORE_RANGES[call.command];
        if (fullRange) {
          const [low, high] = [call.args[1]?.value, call.args[2]?.value];
          if (low !== fullRange[0] || high !== fullRange[1] || hasLimit(call) || allowed(call)) return;
          const isStream = call.command.startsWith('X');
          context.report({ range: callRange(call), messageId: 'unboundedRange', data: { command: call.command, where, limit: isStream ? 'COUNT' : 'LIMIT offset count' }, keys: keyUsesOf(call) });
        }
      },
    };
  },
});

/** LIMIT / COUNT / BY-with-LIMIT given as tokens (ioredis) or option objects (node-redis, Upstash). */
function hasLimit(call: RedisCall): boolean {
  if (call.args.some((arg) => arg.value !== undefined && /^(LIMIT|COUNT)$/i.test(arg.value))) return true;
  if (call.command.startsWith('X') && call.args.length > 3) return true;
  return call.optionObjects.some((object) =>
    object.properties.some((property) => property.name !== undefined && ts.isIdentifier(property.name) && /^(LIMIT|COUNT|limit|count)$/.test(property.name.text)),
  );
}

function renameMethod(call: RedisCall, method: string): TextEdit | undefined {
  const callee = call.node.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  return { start: callee.name.getStart(), end: callee.name.getEnd(), text: method };
}

/** The client's cursor read for a whole-collection read: ioredis `sscanStream`, node-redis `sScanIterator`, GLIDE (2.5.2) `sscan(key, cursor)`. */
function scanMethodOf(call: RedisCall, iterator: { ioredis: string; nodeRedis: string }): string {
  if (call.client.library === 'node-redis') return iterator.nodeRedis;
  if (call.client.library === 'valkey-glide') return iterator.ioredis.replace(/Stream$/, '');
  return iterator.ioredis;
}
