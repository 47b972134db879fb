import ts = require('typescript');
import { isOrdinaryCommand, runsIsolated, waitingKindOf, type WaitingKind } from '../detect/blocking-command.js';
import { connectionIdentityOf } from '../detect/connection-identity.js';
import type { RedisCall } from '../detect/redis-call.js';
import type { ClientSite } from '../detect/client-site.js';
import type { FileModel } from '../detect/file-model.js';
import { sharedModuleClientName } from '../detect/module-shared-client.js';
import type { TextEdit } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { callRange } from '../fix/call-range.js';
import { insertAfter, replaceNode } from '../fix/replace-node.js';

type MessageIds =
  | 'blockingOnSharedClient'
  | 'subscribeOnSharedClient'
  | 'blockingOnExportedClient'
  | 'subscribeOnExportedClient'
  | 'blockingOnSharedGlideClient'
  | 'blockingOnExportedGlideClient'
  | 'useDedicatedConnection';
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
      blockingOnExportedClient:
        '{{command}} holds the connection of {{client}} until data arrives, and this module exports {{client}} as its one connection, so the commands of the modules that import it wait behind it; run blocking commands on a dedicated connection ({{client}}.duplicate()).',
      subscribeOnExportedClient:
        '{{command}} puts the connection of {{client}} into subscriber mode, where Redis refuses ordinary commands, and this module exports {{client}} as its one connection for the modules that import it; subscribe on a dedicated connection ({{client}}.duplicate()).',
      blockingOnSharedGlideClient:
        '{{command}} holds the one multiplexed connection of the GLIDE client {{client}} until data arrives, and {{client}} also sends ordinary commands ({{other}}) that wait behind it; run blocking commands on a client of their own made with createClient().',
      blockingOnExportedGlideClient:
        '{{command}} holds the one multiplexed connection of the GLIDE client {{client}} until data arrives, and this module exports {{client}} as its one client, so the commands of the modules that import it wait behind it; run blocking commands on a client of their own made with createClient().',
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
    const elsewhere = new OrdinaryUseElsewhere(context);
    return {
      onEnd() {
        for (const [identity, calls] of byConnection) {
          for (const call of calls) {
            const kind = waitingKindOf(call);
            if (!kind || runsIsolated(call)) continue;
            // node-redis 5+ over RESP3 can subscribe and run commands on one connection, and so does GLIDE (2.5.2), which speaks RESP3.
            if (kind === 'subscribe' && (speaksResp3(call) || call.client.library === 'valkey-glide')) continue;
            const ordinary = calls.find((other) => isOrdinaryCommand(other) && contends(call, other, kind));
            const other = ordinary ? ordinary.command : elsewhere.of(identity);
            const exported = other === undefined ? exportedAsModuleClient(call, context.model.clients) : undefined;
            if (other === undefined && exported === undefined) continue;
            const client = call.client.name ?? call.client.site?.storedAs ?? receiverName(call) ?? 'this client';
            const name = `${client.replace(/^this\./, '')}${kind === 'subscribe' ? 'Subscriber' : 'Blocking'}`;
            // GLIDE (2.5.2) has no duplicate(): a dedicated client is another createClient() with the same configuration, which the code may not have at hand.
            const glide = call.client.library === 'valkey-glide';
            const edits = glide ? undefined : dedicatedConnectionEdits(call, name);
            const messageId = glide
              ? other !== undefined
                ? 'blockingOnSharedGlideClient'
                : 'blockingOnExportedGlideClient'
              : other !== undefined
                ? kind === 'subscribe'
                  ? 'subscribeOnSharedClient'
                  : 'blockingOnSharedClient'
                : kind === 'subscribe'
                  ? 'subscribeOnExportedClient'
                  : 'blockingOnExportedClient';
            context.report({
              range: callRange(call),
              messageId,
              data: other !== undefined ? { command: call.command, client, other } : { command: call.command, client },
              suggest: edits ? [{ messageId: 'useDedicatedConnection', data: { command: call.command, name, client }, edits }] : undefined,
            });
          }
        }
      },
    };
  },
});

/**
 * Ordinary commands other files send on the connection a call waits on: the files this one imports
 * and those that import it (typed mode), on the same construction.
 */
class OrdinaryUseElsewhere {
  private bySite: Map<object, string> | undefined;

  constructor(private readonly context: { linkedModels(): readonly FileModel[] }) {}

  /** `HSET in notification.repository.js` for the first such command, if any; `identity` from `connectionIdentityOf`. */
  of(identity: object | string): string | undefined {
    return typeof identity === 'string' ? undefined : this.index().get(identity);
  }

  private index(): Map<object, string> {
    if (this.bySite) return this.bySite;
    this.bySite = new Map();
    for (const model of this.context.linkedModels()) {
      for (const other of model.calls) {
        if (!isOrdinaryCommand(other) || other.client.site?.kind === 'pool') continue;
        const site = other.client.site;
        // A factory's client handed back to each caller is a connection per call, not this one.
        if (!site || connectionIdentityOf(other, model.context) !== site.node || this.bySite.has(site.node)) continue;
        this.bySite.set(site.node, `${other.command} in ${baseName(model.context.sourceFile.fileName)}`);
      }
    }
    return this.bySite;
  }
}

/** `redis` in `redis.xreadgroup(…)`, `this.client` in `this.client.blpop(…)`: the name the code reaches the client by. */
function receiverName(call: RedisCall): string | undefined {
  const callee = call.node.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = callee.expression;
  return ts.isIdentifier(receiver) || (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) ? receiver.getText() : undefined;
}

function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

/** The waiting call is on the module's one exported connection, the one the rest of the app imports. */
function exportedAsModuleClient(call: RedisCall, clients: readonly ClientSite[]): string | undefined {
  const site = call.client.site;
  if (!site || site.node.getSourceFile() !== call.node.getSourceFile() || call.client.library === 'upstash') return undefined;
  return sharedModuleClientName(site, clients);
}

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
