import ts = require('typescript');
import { findProperty, objectLiteralOf, propertyPath } from '../detect/client-options.js';
import type { ClientSite } from '../detect/client-site.js';
import type { DetectionContext } from '../detect/detection-context.js';
import { atLeast, majorOf } from '../engine/client-versions.js';
import type { TextEdit } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_OPTION } from '../engine/rule.js';
import { addObjectProperty } from '../fix/add-object-property.js';
import { appendArgument } from '../fix/append-argument.js';
import { constructionRange } from '../fix/construction-range.js';

type MessageIds = 'ioredisNoCommandTimeout' | 'ioredisNoConnectTimeout' | 'nodeRedisNoSocketTimeout' | 'nodeRedis6QueueTimeoutOnly' | 'nodeRedis4NoTimeout' | 'upstashNoSignal' | 'addTimeout';
interface Options {
  ignoreTestFiles: boolean;
  strict: boolean;
  requireConnectTimeout: boolean;
  timeoutMs: number;
}

/** Commands that wait on purpose: a dedicated connection bounds them with the command's own timeout. */
const WAITING_COMMANDS = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'BLPOP', 'BRPOP', 'BLMOVE', 'BRPOPLPUSH', 'BZPOPMIN', 'BZPOPMAX', 'BLMPOP', 'BZMPOP', 'XREAD', 'XREADGROUP', 'WAIT']);
const SUBSCRIBER_NAME = /sub(scriber)?\b|sub[A-Z_]|Sub\b|Subscriber|blocking|Blocking|listener|Listener/;

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
      if (site && WAITING_COMMANDS.has(call.command)) waiting.add(site);
    }
    return {
      onClientCreated(site) {
        if (site.kind === 'duplicate' || site.kind === 'sentinel') return;
        if (waiting.has(site) || (site.storedAs !== undefined && SUBSCRIBER_NAME.test(site.storedAs))) return;
        if (site.options && isBullMqConnection(site.options, detection)) return;
        if (site.optionsOpaque && !context.options.strict) return;
        const ms = context.options.timeoutMs;
        const range = constructionRange(site);
        if (site.library === 'ioredis') {
          const path = site.kind === 'cluster' ? ['redisOptions', 'commandTimeout'] : ['commandTimeout'];
          const found = site.options ? propertyPath(site.options, path, detection) : { value: undefined, opaque: false };
          if (found.opaque && !context.options.strict) return;
          if (!found.value) {
            const edit = insertOption(site, path, String(ms));
            context.report({ range, messageId: 'ioredisNoCommandTimeout', suggest: edit ? [{ messageId: 'addTimeout', data: { option: `commandTimeout: ${ms}` }, edits: [edit] }] : undefined });
            return;
          }
          if (context.options.requireConnectTimeout && site.kind !== 'cluster' && site.options && !findProperty(site.options, 'connectTimeout').property) {
            context.report({ range, messageId: 'ioredisNoConnectTimeout' });
          }
          return;
        }
        if (site.library === 'node-redis') {
          const version = context.clientVersions.redis;
          if (majorOf(version) === 4) {
            context.report({ range, messageId: 'nodeRedis4NoTimeout' });
            return;
          }
          const base = site.kind === 'cluster' ? ['defaults'] : [];
          const socketTimeout = site.options ? propertyPath(site.options, [...base, 'socket', 'socketTimeout'], detection) : { value: undefined, opaque: false };
          if (socketTimeout.value) return;
          const queueTimeout = site.options ? propertyPath(site.options, [...base, 'commandOptions', 'timeout'], detection) : { value: undefined, opaque: false };
          const isSix = atLeast(version, 6);
          // Before node-redis 6, commandOptions.timeout bounded the whole command.
          if (queueTimeout.value && !isSix) return;
          if ((socketTimeout.opaque || queueTimeout.opaque) && !context.options.strict) return;
          const edit = insertOption(site, [...base, 'socket', 'socketTimeout'], String(ms));
          context.report({
            range,
            messageId: isSix ? 'nodeRedis6QueueTimeoutOnly' : 'nodeRedisNoSocketTimeout',
            suggest: edit ? [{ messageId: 'addTimeout', data: { option: `socket.socketTimeout: ${ms}` }, edits: [edit] }] : undefined,
          });
          return;
        }
        const signal = site.options ? propertyPath(site.options, ['signal'], detection) : { value: undefined, opaque: false };
        if (signal.value || (signal.opaque && !context.options.strict)) return;
        const edit = insertOption(site, ['signal'], `() => AbortSignal.timeout(${ms})`);
        context.report({ range, messageId: 'upstashNoSignal', suggest: edit ? [{ messageId: 'addTimeout', data: { option: `signal: () => AbortSignal.timeout(${ms})` }, edits: [edit] }] : undefined });
      },
    };
  },
});

/** BullMQ requires `maxRetriesPerRequest: null` on its connections and manages their waits itself. */
function isBullMqConnection(options: ts.ObjectLiteralExpression, detection: DetectionContext): boolean {
  const found = propertyPath(options, ['maxRetriesPerRequest'], detection).value;
  return !!found && found.kind === ts.SyntaxKind.NullKeyword;
}

/** Writes `path: value` into the options, creating the nested objects and the options argument as needed. */
function insertOption(site: ClientSite, path: readonly string[], value: string): TextEdit | undefined {
  const nested = (names: readonly string[]): string => (names.length === 1 ? `${names[0]}: ${value}` : `${names[0]}: { ${nested(names.slice(1))} }`);
  if (!site.options) {
    if (site.optionsOpaque) return undefined;
    return appendArgument(site.node, `{ ${nested(path)} }`);
  }
  let object = site.options;
  for (let index = 0; index < path.length; index++) {
    const { property } = findProperty(object, path[index]!);
    if (!property) return addObjectProperty(object, nested(path.slice(index)));
    if (index === path.length - 1) return undefined;
    const value = ts.isPropertyAssignment(property) ? objectLiteralOf(property.initializer, { sourceFile: object.getSourceFile(), finder: { find: () => undefined }, checker: undefined }) : undefined;
    if (!value || value.getSourceFile() !== site.node.getSourceFile()) return undefined;
    object = value;
  }
  return undefined;
}
