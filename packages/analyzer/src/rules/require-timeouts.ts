import ts = require('typescript');
import { findProperty, hasOwnProperties, isCallerOptions, isMergedArgument, objectLiteralOf, propertyPath, spreadsCallerOptions } from '../detect/client-options.js';
import { nodeRedisMajor } from '../detect/node-redis-generation.js';
import { waitingKindOf } from '../detect/blocking-command.js';
import type { RedisCall } from '../detect/redis-call.js';
import type { ClientSite } from '../detect/client-site.js';
import type { DetectionContext } from '../detect/detection-context.js';
import { atLeast } from '../engine/client-versions.js';
import type { TextEdit } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_OPTION } from '../engine/rule.js';
import { addObjectProperty } from '../fix/add-object-property.js';
import { appendArgument } from '../fix/append-argument.js';
import { constructionRange } from '../fix/construction-range.js';

type MessageIds =
  | 'ioredisNoCommandTimeout'
  | 'ioredisNoConnectTimeout'
  | 'nodeRedisNoSocketTimeout'
  | 'nodeRedis6QueueTimeoutOnly'
  | 'nodeRedis4NoTimeout'
  | 'nodeRedis3NoConnectTimeout'
  | 'upstashNoSignal'
  | 'addTimeout';
interface Options {
  ignoreTestFiles: boolean;
  strict: boolean;
  requireConnectTimeout: boolean;
  timeoutMs: number;
}

/** Commands that wait on purpose: a dedicated connection bounds them with the command's own timeout. */
const WAITING_COMMANDS = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'BLPOP', 'BRPOP', 'BLMOVE', 'BRPOPLPUSH', 'BZPOPMIN', 'BZPOPMAX', 'BLMPOP', 'BZMPOP', 'XREAD', 'XREADGROUP', 'WAIT']);
/** A client kept for BullMQ (`bullmqRedis`, `bullConnection`): its connections must wait without a command timeout. */
const QUEUE_NAME = /bull/i;
/** `sub`, `redisSub`, `subscriber`, `subscribeClient`, `subscriptionConnection`, `blockingClient`, `listener`. */
const SUBSCRIBER_NAME = /sub(scri(be|ber|ption))?(\b|[A-Z_])|Sub\b|Subscri(be|ber|ption)(\b|[A-Z_])|blocking|Blocking|listener|Listener/;

export default defineRule<MessageIds, Options>({
  id: 'require-timeouts',
  meta: {
    description: 'Require a bound on how long a Redis command may wait, so a stalled server or network cannot hang requests forever.',
    recommended: true,
    strict: true,
    messages: {
      ioredisNoCommandTimeout: 'This ioredis client has no commandTimeout (ioredis sets none by default), so a command waits forever on a stalled connection; set commandTimeout in milliseconds.',
      ioredisNoConnectTimeout: 'This ioredis client has no explicit connectTimeout; set one so start-up fails fast when Redis is unreachable.',
      nodeRedisNoSocketTimeout: 'This node-redis client has no socket.socketTimeout (node-redis sets none by default), so a command waits forever on a hung reply; set socket.socketTimeout in milliseconds.',
      nodeRedis6QueueTimeoutOnly:
        'This node-redis 6 client relies on the default command timeout, which only covers commands not yet written to the socket, so a hung reply waits forever; set socket.socketTimeout in milliseconds.',
      nodeRedis3NoConnectTimeout:
        'This node-redis v3 client sets no connect_timeout (its default is one hour) and v3 has no command timeout, so while Redis is unreachable every command waits in the offline queue; set connect_timeout and enable_offline_queue: false, or upgrade to node-redis 5 and set socket.socketTimeout.',
      nodeRedis4NoTimeout: 'node-redis 4 has no command timeout, so a command waits forever on a hung reply; pass an AbortSignal per command or upgrade to node-redis 5 and set socket.socketTimeout.',
      upstashNoSignal: 'This @upstash/redis client has no request timeout, so an HTTP request can hang until the platform kills the function; pass signal: () => AbortSignal.timeout(ms).',
      addTimeout: 'Add {{option}}.',
    },
    schema: {
      type: 'object',
      properties: {
        ignoreTestFiles: IGNORE_TEST_FILES_OPTION,
        strict: { type: 'boolean', description: 'Also report clients whose options come from a spread or a variable the engine cannot see.' },
        requireConnectTimeout: { type: 'boolean', description: 'Also require an explicit connectTimeout on ioredis clients.' },
        timeoutMs: { type: 'integer', minimum: 1, description: 'The timeout, in milliseconds, the suggestion inserts.' },
      },
      additionalProperties: false,
    },
    defaultOptions: { ignoreTestFiles: true, strict: false, requireConnectTimeout: false, timeoutMs: 5000 },
    fixable: false,
    hasSuggestions: true,
    commands: [...WAITING_COMMANDS],
  },
  create(context) {
    const detection = context.model.context;
    const waiting = new Set<ClientSite>();
    for (const call of context.model.calls) {
      const site = call.client.site;
      if (site && WAITING_COMMANDS.has(call.command) && !readsWithoutBlock(call)) waiting.add(site);
    }
    return {
      onClientCreated(site) {
        if (site.kind === 'duplicate' || site.kind === 'sentinel') return;
        // GLIDE (2.5.2) bounds every command by requestTimeout, 250 ms when unset, and each connect by connectionTimeout (2000 ms):
        // no GLIDE client waits forever, and a long requestTimeout set on purpose (for blocking commands) is the code's choice.
        if (site.library === 'valkey-glide') return;
        // A factory's client serves every caller: one that subscribes does not make the others subscribers.
        if ((waiting.has(site) && site.storage !== 'returned') || (site.storedAs !== undefined && (SUBSCRIBER_NAME.test(site.storedAs) || QUEUE_NAME.test(site.storedAs)))) return;
        if (site.options && isBullMqConnection(site.options, detection)) return;
        // Options a caller hands in wholly are the caller's to bound; options the project builds out of sight are not bounded either.
        if (site.optionsOpaque && site.opaqueOrigin !== 'project' && !context.options.strict) return;
        const ms = context.options.timeoutMs;
        const range = constructionRange(site);
        const option = (path: readonly string[]): ts.Expression | undefined | 'hidden' => optionValue(site, path, detection);
        const unseen = (found: ts.Expression | undefined | 'hidden'): boolean => found === 'hidden' && !context.options.strict;
        if (site.library === 'ioredis') {
          const path = site.kind === 'cluster' ? ['redisOptions', 'commandTimeout'] : ['commandTimeout'];
          const found = option(path);
          if (unseen(found)) return;
          if (found === undefined || found === 'hidden') {
            const edit = insertOption(site, path, String(ms));
            context.report({ range, messageId: 'ioredisNoCommandTimeout', suggest: edit ? [{ messageId: 'addTimeout', data: { option: `commandTimeout: ${ms}` }, edits: [edit] }] : undefined });
            return;
          }
          if (context.options.requireConnectTimeout && site.kind !== 'cluster' && site.options && !findProperty(site.options, 'connectTimeout', detection).property) {
            context.report({ range, messageId: 'ioredisNoConnectTimeout' });
          }
          return;
        }
        if (site.library === 'node-redis') {
          const version = context.clientVersions.redis;
          const major = nodeRedisMajor(site, version);
          if (major !== undefined && major <= 3) {
            const found = option(['connect_timeout']);
            if (unseen(found)) return;
            if (found === undefined || found === 'hidden') {
              const edit = insertOption(site, ['connect_timeout'], String(ms));
              context.report({ range, messageId: 'nodeRedis3NoConnectTimeout', suggest: edit ? [{ messageId: 'addTimeout', data: { option: `connect_timeout: ${ms}` }, edits: [edit] }] : undefined });
            }
            return;
          }
          if (major === 4) {
            context.report({ range, messageId: 'nodeRedis4NoTimeout' });
            return;
          }
          const base = site.kind === 'cluster' ? ['defaults'] : [];
          const socketTimeout = option([...base, 'socket', 'socketTimeout']);
          if (socketTimeout !== undefined && socketTimeout !== 'hidden') return;
          const queueTimeout = option([...base, 'commandOptions', 'timeout']);
          const isSix = atLeast(version, 6);
          // Before node-redis 6, commandOptions.timeout bounded the whole command.
          if (queueTimeout !== undefined && queueTimeout !== 'hidden' && !isSix) return;
          if (unseen(socketTimeout) || unseen(queueTimeout)) return;
          const edit = insertOption(site, [...base, 'socket', 'socketTimeout'], String(ms));
          context.report({
            range,
            messageId: isSix ? 'nodeRedis6QueueTimeoutOnly' : 'nodeRedisNoSocketTimeout',
            suggest: edit ? [{ messageId: 'addTimeout', data: { option: `socket.socketTimeout: ${ms}` }, edits: [edit] }] : undefined,
          });
          return;
        }
        const signal = option(['signal']);
        if ((signal !== undefined && signal !== 'hidden') || unseen(signal)) return;
        const edit = insertOption(site, ['signal'], `() => AbortSignal.timeout(${ms})`);
        context.report({ range, messageId: 'upstashNoSignal', suggest: edit ? [{ messageId: 'addTimeout', data: { option: `signal: () => AbortSignal.timeout(${ms})` }, edits: [edit] }] : undefined });
      },
    };
  },
});

/**
 * The value the client's options give `path`: looked up in the options object (through spreads the
 * engine can see) and the objects merged under it. `hidden` when options the engine cannot see could
 * set it: whole options from elsewhere, spreads and merges of them into an object that sets
 * nothing itself, or a caller's options spread over defaults (an object literal that sets options of
 * its own and not this one, and spreads only what the project builds, is taken as built without it).
 */
function optionValue(site: ClientSite, path: readonly string[], detection: DetectionContext): ts.Expression | undefined | 'hidden' {
  if (!site.options) return site.optionsOpaque && site.opaqueOrigin !== 'project' ? 'hidden' : undefined;
  const found = propertyPath(site.options, path, detection);
  if (found.value) return found.value;
  let hidden = found.opaque;
  // `Object.assign({ host }, options)`: the caller's options merged over the defaults, as a spread would be.
  let callerMerged = false;
  for (const merged of site.mergedOptions) {
    const object = objectLiteralOf(merged, detection);
    if (!object) {
      hidden = true;
      callerMerged ||= isMergedArgument(merged) && isCallerOptions(merged, detection);
      continue;
    }
    const inner = propertyPath(object, path, detection);
    if (inner.value) return inner.value;
    if (inner.opaque) hidden = true;
  }
  return hidden && (!hasOwnProperties(site.options) || callerMerged || spreadsCallerOptions(site.options, detection)) ? 'hidden' : undefined;
}

/**
 * `xread('COUNT', 10, 'STREAMS', key, id)` with every token in sight and no BLOCK: an ordinary read,
 * which makes its connection no dedicated waiter. Other spellings (options objects, spreads) may block.
 */
function readsWithoutBlock(call: RedisCall): boolean {
  if (call.command !== 'XREAD' && call.command !== 'XREADGROUP') return false;
  return !call.keysIncomplete && call.args.some((arg) => arg.value?.toUpperCase() === 'STREAMS') && waitingKindOf(call) === undefined;
}

/** BullMQ requires `maxRetriesPerRequest: null` on its connections and manages their waits itself. */
function isBullMqConnection(options: ts.ObjectLiteralExpression, detection: DetectionContext): boolean {
  const found = propertyPath(options, ['maxRetriesPerRequest'], detection).value;
  return !!found && found.kind === ts.SyntaxKind.NullKeyword;
}

/** Writes `path: value` into the options, creating the nested objects and the options argument as needed. */
function insertOption(site: ClientSite, path: readonly string[], value: string): TextEdit | undefined {
  const nested = (names: readonly string[]): string => (names.length === 1 ? `${names[0]}: ${value}` : `${names[0]}: { ${nested(names.slice(1))} }`);
  if (!site.options) {
    if (site.optionsOpaque || site.registeredBy) return undefined;
    return appendArgument(site.node, `{ ${nested(path)} }`);
  }
  let object = site.options;
  for (let index = 0; index < path.length; index++) {
    const { property } = findProperty(object, path[index]!);
    if (!property) return addObjectProperty(object, nested(path.slice(index)));
    if (index === path.length - 1) return undefined;
    const value = ts.isPropertyAssignment(property) ? objectLiteralOf(property.initializer, { sourceFile: object.getSourceFile(), finder: { find: () => undefined, local: () => undefined }, checker: undefined }) : undefined;
    if (!value || value.getSourceFile() !== site.node.getSourceFile()) return undefined;
    object = value;
  }
  return undefined;
}
