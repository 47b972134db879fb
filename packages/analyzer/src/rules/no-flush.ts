import { isEnvironmentGuarded } from '../detect/environment-guard.js';
import type { RedisCall } from '../detect/redis-call.js';
import type { TextEdit } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { appendArgument } from '../fix/append-argument.js';
import { callRange } from '../fix/call-range.js';

type MessageIds = 'flush' | 'addAsync';
interface Options {
  ignoreTestFiles: boolean;
}

const SCOPE: Record<string, string> = {
  FLUSHALL: 'every database of the server',
  FLUSHDB: 'the whole current database',
};

export default defineRule<MessageIds, Options>({
  id: 'no-flush',
  meta: {
    description: 'Disallow FLUSHALL and FLUSHDB in application code, where one stray call deletes every key.',
    recommended: false,
    strict: true,
    messages: {
      flush: '{{command}} deletes {{scope}}, so one stray call from application code wipes all data{{blocking}}; delete only the keys this code owns (SCAN and UNLINK), or keep flushes in tests and admin scripts.',
      addAsync: 'Flush with ASYNC, so Redis frees the memory in the background instead of blocking.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: true,
  },
  create(context) {
    return {
      onRedisCall(call) {
        const scope = SCOPE[call.command];
        if (!scope || isEnvironmentGuarded(call.node)) return;
        const mode = flushMode(call);
        const edit = mode === undefined ? asyncEdit(call) : undefined;
        context.report({
          range: callRange(call),
          messageId: 'flush',
          data: { command: call.command, scope, blocking: mode === 'ASYNC' ? '' : ' and blocks Redis while it frees the memory' },
          suggest: edit ? [{ messageId: 'addAsync', edits: [edit] }] : undefined,
        });
      },
    };
  },
});

/** `ASYNC`/`SYNC` when the call spells a mode, `unknown` when an argument cannot be read, undefined when there is none. */
function flushMode(call: RedisCall): 'ASYNC' | 'SYNC' | 'unknown' | undefined {
  if (call.optionObjects.length > 0) {
    // Upstash `flushall({ async: true })`, GlideClusterClient `flushall({ mode: FlushMode.ASYNC })`.
    return call.optionObjects.some((object) => /\basync\s*:\s*true\b|\bmode\s*:\s*[\w.]*ASYNC\b/.test(object.getText())) ? 'ASYNC' : 'unknown';
  }
  const [first] = call.args;
  if (!first) return call.keysIncomplete ? 'unknown' : undefined;
  const value = first.value?.toUpperCase();
  if (value === 'ASYNC' || value === 'SYNC') return value;
  if (/\bASYNC$/.test(first.node.getText())) return 'ASYNC';
  return 'unknown';
}

/** `flushall()` → `flushall('ASYNC')`; Upstash takes `{ async: true }`. */
// node-redis 5 types the mode as REDIS_FLUSH_MODES ('ASYNC' | 'SYNC'), so the string literal type-checks; ioredis takes the token.
function asyncEdit(call: RedisCall): TextEdit | undefined {
  if (call.batch && call.via === 'array') return undefined;
  if (call.via === 'sendCommand' || call.via === 'array') return undefined;
  // GLIDE (2.5.2) takes its FlushMode enum, which the file may not import: no edit.
  if (call.client.library === 'valkey-glide') return undefined;
  return appendArgument(call.node, call.client.library === 'upstash' ? '{ async: true }' : "'ASYNC'");
}
