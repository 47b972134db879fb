import ts = require('typescript');
import { isOrdinaryCommand, runsIsolated, waitingKindOf, type WaitingKind } from '../detect/blocking-command.js';
import { connectionIdentityOf } from '../detect/connection-identity.js';
import type { RedisCall } from '../detect/redis-call.js';
import type { TextEdit } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { callRange } from '../fix/call-range.js';
import { insertAfter, replaceNode } from '../fix/replace-node.js';

type MessageIds = 'blockingOnSharedClient' | 'subscribeOnSharedClient' | 'useDedicatedConnection';
interface Options {
  ignoreTestFiles: boolean;
}

export default defineRule<MessageIds, Options>({
  id: 'no-blocking-on-shared-client',
  meta: {
    description: 'Disallow blocking commands and subscriptions on a client that also sends ordinary commands.',
    recommended: false,
    strict: true,
    messages: {
      blockingOnSharedClient:
        '{{command}} holds the connection of {{client}} until data arrives, and {{client}} also sends ordinary commands ({{other}}) that wait behind it; run blocking commands on a dedicated connection ({{client}}.duplicate()).',
      subscribeOnSharedClient:
        '{{command}} puts the connection of {{client}} into subscriber mode, where Redis refuses ordinary commands, and {{client}} also sends {{other}}; subscribe on a dedicated connection ({{client}}.duplicate()).',
      useDedicatedConnection: 'Run {{command}} on a dedicated {{name}} = {{client}}.duplicate().',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: true,
  },
  create(context) {
    const detection = context.model.context;
    const byConnection = new Map<object | string, RedisCall[]>();
    for (const call of context.model.calls) {
      // Upstash speaks HTTP, and a node-redis pool runs each command on a free connection.
      if (call.client.library === 'upstash' || call.client.site?.kind === 'pool') continue;
      const identity = connectionIdentityOf(call, detection);
      if (identity === undefined) continue;
      const list = byConnection.get(identity);
      if (list) list.push(call);
      else byConnection.set(identity, [call]);
    }
    return {
      onEnd() {
        for (const calls of byConnection.values()) {
          for (const call of calls) {
            const kind = waitingKindOf(call);
            if (!kind || runsIsolated(call)) continue;
            const ordinary = calls.find((other) => isOrdinaryCommand(other) && contends(call, other, kind));
            if (!ordinary) continue;
            // node-redis 5+ over RESP3 can subscribe and run commands on one connection.
            if (kind === 'subscribe' && speaksResp3(call)) continue;
            const client = call.client.name ?? call.client.site?.storedAs ?? 'this client';
            const name = `${client.replace(/^this\./, '')}${kind === 'subscribe' ? 'Subscriber' : 'Blocking'}`;
            const edits = dedicatedConnectionEdits(call, name);
            context.report({
              range: callRange(call),
              messageId: kind === 'subscribe' ? 'subscribeOnSharedClient' : 'blockingOnSharedClient',
              data: { command: call.command, client, other: ordinary.command },
              suggest: edits ? [{ messageId: 'useDedicatedConnection', data: { command: call.command, name, client }, edits }] : undefined,
            });
          }
        }
      },
    };
  },
});

/**
 * Whether the other command can run while the connection waits: it is sent from another function
 * (a request handler beside a worker loop), or, after a SUBSCRIBE, anywhere later. Commands awaited
 * one after another in the same function before the wait never queue behind it.
 */
function contends(waiting: RedisCall, other: RedisCall, kind: WaitingKind): boolean {
  if (other.context.fn !== waiting.context.fn) return true;
  return kind === 'subscribe' && other.node.getStart() > waiting.node.getStart();
}

function speaksResp3(call: RedisCall): boolean {
  const options = call.client.site?.options;
  if (!options || call.client.library !== 'node-redis') return false;
  return options.properties.some((property) => ts.isPropertyAssignment(property) && property.name.getText() === 'RESP' && property.initializer.getText() === '3');
}

/**
 * ioredis, client in a module-scope `const`: declare `const <name> = <client>.duplicate();` below
 * it and send the waiting command there (ioredis connects a duplicate by itself).
 */
function dedicatedConnectionEdits(call: RedisCall, name: string): TextEdit[] | undefined {
  const site = call.client.site;
  if (!site || site.library !== 'ioredis' || site.kind !== 'client' || call.via !== 'method' || call.batch) return undefined;
  const declaration = site.node.parent;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  const statement = declaration.parent.parent;
  if (!statement || !ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
  const callee = call.node.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== declaration.name.text) return undefined;
  return [insertAfter(statement, `\nconst ${name} = ${declaration.name.text}.duplicate();`), replaceNode(callee.expression, name)];
}
