import { shareOneSlot, type KeyPattern } from '../detect/key-pattern.js';
import ts = require('typescript');
import type { Batch } from '../detect/redis-call.js';
import type { ClientRef } from '../detect/client-site.js';
import { SEVERAL_KEY_COMMANDS } from '../detect/command-table.js';
import { perItemKeys } from '../detect/per-item-keys.js';
import { shareCallerPrefix } from '../detect/caller-key-prefix.js';
import { atLeast } from '../engine/client-versions.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { callRange } from '../fix/call-range.js';
import { sharedTagEdits } from '../fix/shared-hash-tag.js';
import { keyUsesOf, type KeyUse } from '../engine/finding-key.js';

type MessageIds = 'crossSlotCommand' | 'crossSlotMayBeCluster' | 'crossSlotRunTimeKeys' | 'crossSlotBatch' | 'crossSlotBatchMayBeCluster' | 'crossSlotBatchPerItem' | 'addHashTag';
interface Options {
  ignoreTestFiles: boolean;
}

/** node-redis ≥ 6.2 splits these by slot in cluster mode (REDIS-CLIENTS.md). */
const SPLIT_BY_NODE_REDIS_6_2 = new Set(['DEL', 'UNLINK', 'EXISTS', 'TOUCH', 'MGET', 'MSET']);
/** GlideClusterClient splits these by slot (documented in 1.3.4 and 2.0.1–2.5.2 BaseClient.d.ts); MSETNX, RENAME, S*STORE, BLPOP… must share one slot. */
const SPLIT_BY_GLIDE = new Set(['DEL', 'UNLINK', 'EXISTS', 'TOUCH', 'WATCH', 'MGET', 'MSET']);

export default defineRule<MessageIds, Options>({
  id: 'no-crossslot',
  meta: {
    description: 'Disallow multi-key commands and transactions on a Redis Cluster client whose keys may hash to different slots.',
    recommended: true,
    strict: true,
    messages: {
      crossSlotMayBeCluster: 'In the cluster configuration of this client, {{command}} touches {{keys}}, which are not proven to hash to one slot, so Redis Cluster rejects it with CROSSSLOT; give the keys a shared hash tag such as {{tagExample}}, or send one command per key.',
      crossSlotRunTimeKeys: '{{command}} on a {{cluster}} sends keys only known at run time ({{keys}}) in one command, and keys without a shared hash tag land in different slots, so Redis Cluster rejects it with CROSSSLOT; send one command per key (or per slot), or give the keys a shared hash tag.',
      crossSlotCommand: '{{command}} on a cluster client touches {{keys}}, which are not proven to hash to one slot, so Redis Cluster rejects it with CROSSSLOT; give the keys a shared hash tag such as {{tagExample}}.',
      crossSlotBatchMayBeCluster: 'In the cluster configuration of this client, this {{batch}} touches {{keys}}, which are not proven to hash to one slot, so it fails with CROSSSLOT; give the keys a shared hash tag such as {{tagExample}} or split the batch.',
      crossSlotBatch: 'This {{batch}} on a cluster client touches {{keys}}, which are not proven to hash to one slot, so it fails with CROSSSLOT; give the keys a shared hash tag such as {{tagExample}} or split the batch.',
      crossSlotBatchPerItem:
        'This {{batch}} on a {{cluster}} queues {{command}} once per item on {{keys}}, one key per item with no shared hash tag, so the keys land in different slots and the batch fails with CROSSSLOT; give the keys a shared hash tag or send one batch per slot.',
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
    // A client that is a cluster client only in some configuration, outside the code that runs in the others.
    // Test suites run on the single server of the test set-up: only a client that is a cluster client there too is judged in them.
    const mayBeCluster = (client: ClientRef, node: ts.Node): boolean =>
      client.library !== 'upstash' && client.mayBeCluster === true && !context.isTestFile && !inNonClusterBranch(node);
    const batches = new Set<Batch>();
    return {
      onRedisCall(call) {
        const definite = isCluster(call.client);
        if (!definite && !mayBeCluster(call.client, call.node)) return;
        if (call.batch) {
          if (call.batch.kind === 'multi' || call.client.library === 'ioredis') batches.add(call.batch);
          return;
        }
        if (call.client.library === 'node-redis' && SPLIT_BY_NODE_REDIS_6_2.has(call.command) && atLeast(context.clientVersions.redis, 6, 2)) return;
        if (call.client.library === 'valkey-glide' && SPLIT_BY_GLIDE.has(call.command)) return;
        if (call.keysIncomplete) {
          // One command over a run-time list of keys: only a hash tag the known keys share could keep it in one slot.
          if (!SEVERAL_KEYS.has(call.command) || call.keys.some((key) => key.hashTag !== undefined)) return;
          context.report({
            range: callRange(call),
            messageId: 'crossSlotRunTimeKeys',
            keys: keyUsesOf(call),
            data: { command: call.command, cluster: definite ? 'cluster client' : 'client that may be a cluster client', keys: call.keys.length > 0 ? describeKeys(call.keys) : 'a list' },
          });
          return;
        }
        if (call.keys.length < 2) return;
        if (shareOneSlot(call.keys) || (!definite && shareCallerPrefix(call.keys, call.node, context.model.context, context.model.assignments))) return;
        report(call.keys, keyUsesOf(call), { range: callRange(call), messageId: definite ? 'crossSlotCommand' : 'crossSlotMayBeCluster', data: { command: call.command } });
      },
      onEnd() {
        for (const batch of batches) {
          if (batch.calls.some((call) => call.keysIncomplete)) continue;
          const definite = isCluster(batch.client);
          // In the cluster configuration only: keys under the caller's own key are the caller's to tag.
          if (!definite && shareCallerPrefix(uniqueKeys(batch.calls.flatMap((call) => call.keys)), batch.node, context.model.context, context.model.assignments)) continue;
          const perItem = batch.calls.find((call) => perItemKeys(call, batch).length > 0);
          if (perItem) {
            context.report({
              range: [batchNameStart(batch), batch.node.getEnd()],
              messageId: 'crossSlotBatchPerItem',
              keys: batch.calls.flatMap(keyUsesOf),
              data: { batch: batchLabel(batch), command: perItem.command, keys: describeKeys(perItemKeys(perItem, batch)), cluster: definite ? 'cluster client' : 'client that may be a cluster client' },
            });
            continue;
          }
          const keys = uniqueKeys(batch.calls.flatMap((call) => call.keys));
          if (keys.length < 2 || shareOneSlot(keys)) continue;
          report(keys, batch.calls.flatMap(keyUsesOf), { range: [batchNameStart(batch), batch.node.getEnd()], messageId: definite ? 'crossSlotBatch' : 'crossSlotBatchMayBeCluster', data: { batch: batchLabel(batch) } });
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

const SEVERAL_KEYS = new Set(SEVERAL_KEY_COMMANDS);
const CLUSTER_FLAG = /cluster/i;

/**
 * Code a cluster setting keeps from running in cluster mode: the branch of `if (!opts.cluster)` (or
 * the `else` of `if (opts.cluster)`), or what follows `if (opts.cluster) { …; return }`.
 */
function inNonClusterBranch(node: ts.Node): boolean {
  for (let child: ts.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isFunctionLike(parent)) return false;
    if (ts.isIfStatement(parent) && child !== parent.expression && CLUSTER_FLAG.test(parent.expression.getText())) {
      const negated = isNegated(parent.expression);
      if (child === parent.thenStatement ? negated : !negated) return true;
    }
    if ((ts.isBlock(parent) || ts.isSourceFile(parent)) && ts.isStatement(child)) {
      for (const statement of parent.statements) {
        if (statement === child) break;
        if (ts.isIfStatement(statement) && !statement.elseStatement && CLUSTER_FLAG.test(statement.expression.getText()) && !isNegated(statement.expression) && endsInReturn(statement.thenStatement)) return true;
      }
    }
    if (ts.isConditionalExpression(parent) && child !== parent.condition && CLUSTER_FLAG.test(parent.condition.getText())) {
      const negated = isNegated(parent.condition);
      if (child === parent.whenTrue ? negated : !negated) return true;
    }
  }
  return false;
}

function isNegated(condition: ts.Expression): boolean {
  const node = ts.isParenthesizedExpression(condition) ? condition.expression : condition;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return true;
  return ts.isBinaryExpression(node) && /^(===|==)$/.test(node.operatorToken.getText()) && node.right.kind === ts.SyntaxKind.FalseKeyword;
}

function endsInReturn(statement: ts.Statement): boolean {
  const last = ts.isBlock(statement) ? statement.statements.at(-1) : statement;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

function uniqueKeys(keys: readonly KeyPattern[]): KeyPattern[] {
  const seen = new Map<string, KeyPattern>();
  for (const key of keys) if (!seen.has(key.signature)) seen.set(key.signature, key);
  return [...seen.values()];
}

function describeKeys(keys: readonly KeyPattern[]): string {
  const shown = keys.slice(0, 3).map((key) => `"${key.display}"`);
  return keys.length > 3 ? `${shown.join(', ')} and ${keys.length - 3} more` : shown.join(keys.length === 2 ? ' and ' : ', ');
}

/** `multi()`, `pipeline()`, or GLIDE's `atomic ClusterBatch`. */
function batchLabel(batch: Batch): string {
  return ts.isNewExpression(batch.node) ? `atomic ${batch.node.expression.getText()}` : `${batch.kind}()`;
}

function batchNameStart(batch: Batch): number {
  const callee = batch.node.expression;
  return ts.isPropertyAccessExpression(callee) ? callee.name.getStart() : batch.node.getStart();
}
