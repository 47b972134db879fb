import ts = require('typescript');
import { propertyPath } from '../detect/client-options.js';
import { escapesItsFunction } from '../detect/client-escape.js';
import { isHandedOver } from '../detect/client-handover.js';
import type { ClientSite } from '../detect/client-site.js';
import type { TextEdit } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { ownExportName } from '../detect/exported-api.js';
import { constructionRange } from '../fix/construction-range.js';

type MessageIds = 'nodeRedisNoErrorListener' | 'ioredisNoErrorListener' | 'returnedNoErrorListener' | 'returnedToCallersNoErrorListener' | 'addErrorListener';
interface Options {
  ignoreTestFiles: boolean;
}

export default defineRule<MessageIds, Options>({
  id: 'require-error-listener',
  meta: {
    description: "Require an 'error' listener on every Redis client, so a connection error neither crashes the process nor goes unobserved.",
    recommended: false,
    strict: true,
    messages: {
      // node-redis 4–6: the client is an EventEmitter and re-emits socket errors; with no listener Node throws (README: "you MUST listen to error events").
      nodeRedisNoErrorListener:
        "This node-redis {{what}} has no 'error' listener in this file, so the first connection error is an unhandled 'error' event that crashes the process; attach one with .on('error', …) before connecting.",
      // ioredis 4–6: with no listener it prints "[ioredis] Unhandled error event" and carries on.
      ioredisNoErrorListener:
        "This ioredis {{what}} has no 'error' listener in this file, so connection errors are only printed as \"[ioredis] Unhandled error event\" and nothing observes them; attach one with .on('error', …) to log and count them.",
      returnedNoErrorListener:
        "This {{library}} {{what}} leaves {{fn}}(), which this module exports to callers out of sight, with no 'error' listener, so every caller must remember to attach one or a connection error goes unhandled; attach .on('error', …) here before returning it.",
      returnedToCallersNoErrorListener:
        "This {{library}} {{what}} leaves {{fn}}() with no 'error' listener, and none of the modules that send commands on what it returns attaches one, so a connection error goes unhandled; attach .on('error', …) here before returning it.",
      addErrorListener: "Attach an 'error' listener that logs the error.",
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: true,
  },
  create(context) {
    const listened = new Set<ts.Node>();
    let helperListens = false;
    for (const listener of context.model.errorListeners) {
      if (listener.client.site) listened.add(choiceOf(listener.client.site));
      // Only a parameter counts as a helper: other site-less receivers are seen in typed mode alone, which must not report less.
      if (listener.onParameter) helperListens = true;
    }
    return {
      onClientCreated(site) {
        // Upstash speaks HTTP and a GLIDE client (2.5.2) is no EventEmitter: neither has an 'error' event.
        if (site.library === 'upstash' || site.library === 'valkey-glide' || helperListens || listened.has(choiceOf(site))) return;
        if (isHandedOver(site) || isBullMqConnection(site, context.model.context)) return;
        // A NestJS module's client goes to dependency injection: @liaoliaots/nestjs-redis logs its errors itself,
        // and what listens to an @nestjs-modules/ioredis client (onClientReady, a service) is out of this file's sight.
        if (site.registeredBy) return;
        const what = site.kind === 'cluster' ? 'cluster client' : site.kind === 'duplicate' ? 'duplicate() connection' : site.kind === 'pool' ? 'client pool' : 'client';
        const edit = listenerEdit(site);
        const suggest = edit ? [{ messageId: 'addErrorListener' as const, edits: [edit] }] : undefined;
        if (escapesItsFunction(site) && !isProviderFactory(site.context.fn)) {
          const fn = site.context.fn ? ownExportName(site.context.fn) : undefined;
          const ours = (client: { site: ClientSite | undefined }): boolean => client.site !== undefined && choiceOf(client.site) === choiceOf(site);
          const library = site.library === 'node-redis' ? 'node-redis' : 'ioredis';
          if (fn === undefined) {
            // A helper of this module alone (not exported): its callers are all here, and they send commands on what it returns without a listener.
            const helper = site.context.fn && moduleLevelName(site.context.fn);
            if (helper && context.model.calls.some((call) => ours(call.client))) {
              context.report({ range: constructionRange(site), messageId: 'returnedToCallersNoErrorListener', data: { library, what, fn: helper }, suggest });
            }
            return;
          }
          if (context.importedByOthers === undefined) return;
          const data = { library, what, fn };
          // The callers own its events. None in sight (no file of the program imports this one): nothing shows one listens.
          if (!context.importedByOthers) {
            context.report({ range: constructionRange(site), messageId: 'returnedNoErrorListener', data, suggest });
            return;
          }
          // Callers in sight that send commands on what it returns, and none that listens (or hands it to code that does, which sends none here).
          const linked = context.linkedModels();
          if (linked.some((model) => model.errorListeners.some((listener) => ours(listener.client) || listener.onParameter))) return;
          if (linked.some((model) => model.calls.some((call) => ours(call.client)))) context.report({ range: constructionRange(site), messageId: 'returnedToCallersNoErrorListener', data, suggest });
          return;
        }
        context.report({ range: constructionRange(site), messageId: site.library === 'node-redis' ? 'nodeRedisNoErrorListener' : 'ioredisNoErrorListener', data: { what }, suggest });
      },
    };
  },
});

/**
 * Where a construction's client is chosen: the arms of `cluster ? new Cluster(…) : new Redis(…)` are one
 * client, and a listener on what the choice is kept in covers either.
 */
function choiceOf(site: ClientSite): ts.Node {
  let node: ts.Node = site.node;
  while (node.parent && (ts.isParenthesizedExpression(node.parent) || (ts.isConditionalExpression(node.parent) && node.parent.condition !== node))) node = node.parent;
  return node;
}

/** The name of a module-level function (`async function openConnection()`, `const connect = () => …`). */
function moduleLevelName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name && ts.isSourceFile(fn.parent) ? fn.name.text : undefined;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const declaration = fn.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  return ts.isSourceFile(declaration.parent.parent.parent) ? declaration.name.text : undefined;
}

/**
 * A dependency-injection provider's factory (`{ provide: DI.redis, useFactory: () => new Redis() }`): the
 * client it returns goes to the container, whose consumers inject it to send commands, not to listen.
 */
function isProviderFactory(fn: ts.SignatureDeclaration | undefined): boolean {
  const property = fn?.parent;
  if (!property || !ts.isPropertyAssignment(property) || property.name.getText() !== 'useFactory') return false;
  return property.parent.properties.some((candidate) => candidate.name?.getText() === 'provide');
}

/** BullMQ connections (`maxRetriesPerRequest: null`): BullMQ attaches its own listener and re-emits errors on the queue or worker. */
function isBullMqConnection(site: ClientSite, detection: Parameters<typeof propertyPath>[2]): boolean {
  const found = site.options ? propertyPath(site.options, ['maxRetriesPerRequest'], detection).value : undefined;
  return !!found && found.kind === ts.SyntaxKind.NullKeyword;
}

/** `new Redis(url)` → `new Redis(url).on('error', …)`: `on` returns the client, so bindings keep their type. */
function listenerEdit(site: ClientSite): TextEdit | undefined {
  if (ts.isNewExpression(site.node) && !site.node.arguments) return undefined;
  const end = site.node.getEnd();
  return { start: end, end, text: ".on('error', (error) => console.error('Redis client error', error))" };
}
