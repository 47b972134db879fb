import { shareOneSlot, type KeyPattern } from '../detect/key-pattern.js';
import ts = require('typescript');
import type { Batch } from '../detect/redis-call.js';
import type { ClientRef } from '../detect/client-site.js';
import { SEVERAL_KEY_COMMANDS } from '../detect/command-table.js';
import { atLeast } from '../engine/client-versions.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { callRange } from '../fix/call-range.js';
import { sharedTagEdits } from '../fix/shared-hash-tag.js';
import { keyUsesOf, type KeyUse } from '../engine/finding-key.js';

type MessageIds = 'crossSlotCommand' | 'crossSlotBatch' | 'addHashTag';
interface Options {
  ignoreTestFiles: boolean;
}

/** node-redis ≥ 6.2 splits these by slot in cluster mode (REDIS-CLIENTS.md). */
const SPLIT_BY_NODE_REDIS_6_2 = new Set(['DEL', 'UNLINK', 'EXISTS', 'TOUCH', 'MGET', 'MSET']);

export default defineRule<MessageIds, Options>({
  id: 'no-crossslot',
  meta: {
    description: 'Disallow multi-key commands and transactions on a Redis Cluster client whose keys may hash to different slots.',
    recommended: true,
    strict: true,
    messages: {
      crossSlotCommand: '{{command}} on a cluster client touches {{keys}}, which are not proven to hash to one slot, so Redis Cluster rejects it with CROSSSLOT; give the keys a shared hash tag such as {{tagExample}}.',
      crossSlotBatch: 'This {{batch}} on a cluster client touches {{keys}}, which are not proven to hash to one slot, so it fails with CROSSSLOT; give the keys a shared hash tag such as {{tagExample}} or split the batch.',
      addHashTag: 'Put the shared part {{tag}} in a hash tag.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: false },
    fixable: false,
    hasSuggestions: true,
    // Transactions and pipelines come with all their commands anyway.
    commands: SEVERAL_KEY_COMMANDS,
  },
  create(context) {
    const isCluster = (client: ClientRef): boolean => client.library !== 'upstash' && (client.cluster || context.clusterByConfig);
    const batches = new Set<Batch>();
    return {
      onRedisCall(call) {
        if (!isCluster(call.client)) return;
        if (call.batch) {
          if (call.batch.kind === 'multi' || call.client.library === 'ioredis') batches.add(call.batch);
          return;
        }
        if (call.keys.length < 2 || call.keysIncomplete) return;
        if (call.client.library === 'node-redis' && SPLIT_BY_NODE_REDIS_6_2.has(call.command) && atLeast(context.clientVersions.redis, 6, 2)) return;
        if (shareOneSlot(call.keys)) return;
        report(call.keys, keyUsesOf(call), { range: callRange(call), messageId: 'crossSlotCommand', data: { command: call.command } });
      },
      onEnd() {
        for (const batch of batches) {
          if (batch.calls.some((call) => call.keysIncomplete)) continue;
          const keys = uniqueKeys(batch.calls.flatMap((call) => call.keys));
          if (keys.length < 2 || shareOneSlot(keys)) continue;
          report(keys, batch.calls.flatMap(keyUsesOf), { range: [batchNameStart(batch), batch.node.getEnd()], messageId: 'crossSlotBatch', data: { batch: `${batch.kind}()` } });
        }
      },
    };

    function report(keys: readonly KeyPattern[], uses: readonly KeyUse[], descriptor: { range: [number, number]; messageId: MessageIds; data: Record<string, string> }): void {
      const tag = sharedTagEdits(keys);
      context.report({
        ...descriptor,
        keys: uses,
        data: { ...descriptor.data, keys: describeKeys(keys), tagExample: tag ? tag.example : '"{user:42}:profile" and "{user:42}:settings"' },
        suggest: tag ? [{ messageId: 'addHashTag', data: { tag: tag.tag }, edits: tag.edits }] : undefined,
      });
    }
  },
});

function uniqueKeys(keys: readonly KeyPattern[]): KeyPattern[] {
  const seen = new Map<string, KeyPattern>();
  for (const key of keys) if (!seen.has(key.signature)) seen.set(key.signature, key);
  return [...seen.values()];
}

function describeKeys(keys: readonly KeyPattern[]): string {
  const shown = keys.slice(0, 3).map((key) => `"${key.display}"`);
  return keys.length > 3 ? `${shown.join(', ')} and ${keys.length - 3} more` : shown.join(keys.length === 2 ? ' and ' : ', ');
}

function batchNameStart(batch: Batch): number {
  const callee = batch.node.expression;
  return ts.isPropertyAccessExpression(callee) ? callee.name.getStart() : batch.node.getStart();
}
