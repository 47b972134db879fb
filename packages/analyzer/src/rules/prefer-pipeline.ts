import type { LoopSite } from '../detect/await-flow.js';
import { commandHasFlag } from '../detect/command-table.js';
import type { RedisCall } from '../detect/redis-call.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { callRange } from '../fix/call-range.js';
import { keyUsesOf } from '../engine/finding-key.js';

type MessageIds = 'awaitedInLoop' | 'asyncForEach';
interface Options {
  ignoreTestFiles: boolean;
}

/** Commands whose next call needs this one's reply, or that hold the connection: never batched. */
const SEQUENTIAL = new Set([
  'SCAN', 'SSCAN', 'HSCAN', 'ZSCAN', 'WATCH', 'UNWATCH', 'MULTI', 'EXEC', 'DISCARD', 'SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'UNSUBSCRIBE',
  'PUNSUBSCRIBE', 'SUNSUBSCRIBE', 'MONITOR', 'QUIT', 'RESET', 'SELECT', 'AUTH', 'HELLO', 'CLIENT', 'WAIT', 'WAITAOF', 'XREAD', 'XREADGROUP',
]);
/** Reads with a multi-key form that replaces the loop outright. */
const MULTI_KEY_FORM: Record<string, string> = { GET: 'MGET', EXISTS: 'EXISTS with several keys', DEL: 'DEL with several keys', UNLINK: 'UNLINK with several keys' };

export default defineRule<MessageIds, Options>({
  id: 'prefer-pipeline',
  meta: {
    description: 'Prefer one pipeline (or a multi-key command) over awaiting one Redis round trip per loop iteration.',
    recommended: false,
    strict: true,
    messages: {
      awaitedInLoop: '{{command}} is awaited once per iteration of this {{loop}}, so N items cost N network round trips one after another; {{remedy}}.',
      asyncForEach: 'forEach(async …) sends one {{command}} per element and nothing waits for them, so their errors go unhandled and each is a command of its own; {{remedy}}, and await the result.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: false,
  },
  create(context) {
    const reported = new Set<LoopSite['node']>();
    return {
      onRedisCall(call) {
        if (call.batch || SEQUENTIAL.has(call.command) || commandHasFlag(call.command, 'blocking')) return;
        const flow = context.model.awaitFlowOf(call);
        const loop = flow.loop;
        if (!flow.awaited || !loop || loop.steeredByAwait || loop.awaitsOtherWork || flow.usesAwaitedValue || flow.receiverVariesPerTurn) return;
        if (reported.has(loop.node)) return;
        reported.add(loop.node);
        context.report({ range: callRange(call), messageId: loop.kind === 'forEach' ? 'asyncForEach' : 'awaitedInLoop', data: { command: call.command, loop: loopName(loop), remedy: remedy(call) }, keys: keyUsesOf(call) });
      },
    };
  },
});

function loopName(loop: LoopSite): string {
  switch (loop.kind) {
    case 'for-of':
      return 'for…of loop';
    case 'for-in':
      return 'for…in loop';
    case 'while':
    case 'do':
      return 'while loop';
    case 'forEach':
      return 'forEach callback';
    default:
      return 'for loop';
  }
}

function remedy(call: RedisCall): string {
  const multiKey = MULTI_KEY_FORM[call.command];
  const prefix = multiKey ? `send one ${multiKey}, or ` : '';
  // node-redis 4+ writes the commands started in one tick as one pipeline; ioredis only with enableAutoPipelining (REDIS-CLIENTS.md).
  if (call.client.library === 'node-redis') return `${prefix}start every command first and await them together with Promise.all (node-redis pipelines commands sent in the same tick), or use multi()`;
  if (call.client.library === 'upstash') return `${prefix}queue them on one redis.pipeline() and exec() it once (one HTTP request)`;
  return `${prefix}queue them on one pipeline() and exec() it once`;
}
