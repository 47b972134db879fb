import type ts from 'typescript';
import type { ClientSite } from '../detect/client-site.js';
import { libraryLabel } from '../detect/client-label.js';
import { whereText } from '../detect/where.js';
import { exportedApiName } from '../detect/exported-api.js';
import { closesConnection, ownedConnectionOf, tracksEachConnection } from '../detect/owned-connection.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { constructionRange } from '../fix/construction-range.js';

type MessageIds = 'clientPerRequest' | 'clientPerCall' | 'connectionPerRun';
interface Options {
  ignoreTestFiles: boolean;
}

export default defineRule<MessageIds, Options>({
  id: 'no-per-request-client',
  meta: {
    description: 'Disallow creating a Redis connection per request or per loop iteration instead of reusing one.',
    recommended: true,
    strict: true,
    messages: {
      clientPerCall:
        'This {{library}} client is created on every call of {{fn}}(), which this module exports to callers out of sight, so each call opens a new connection until Redis hits maxclients; create it once at module scope (or memoize it) and reuse it.',
      clientPerRequest:
        'This {{library}} client is created{{where}}, so every run opens a new connection until Redis hits maxclients; create it once at module scope (or memoize it) and reuse it.',
      connectionPerRun:
        'This {{library}} connection from {{callee}}() is taken{{where}} and closed when that run ends, so every run opens its own connection until Redis hits maxclients; share one connection per process and fan messages out in memory.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: false,
    // Constructions, and the commands that make a connection taken from an accessor its holder's own.
    commands: ['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'BLPOP', 'BRPOP', 'BLMOVE', 'BRPOPLPUSH', 'BZPOPMIN', 'BZPOPMAX', 'BLMPOP', 'BZMPOP', 'XREAD', 'XREADGROUP'],
  },
  create(context) {
    const reported = new Set<ts.Node>();
    return {
      onRedisCall(call) {
        if (call.client.library === 'upstash') return;
        const owned = ownedConnectionOf(call, context.model.context, (fn) => context.model.hotPathOf(fn));
        if (!owned || reported.has(owned.source)) return;
        reported.add(owned.source);
        context.report({
          range: [owned.source.getStart(), owned.source.getEnd()],
          messageId: 'connectionPerRun',
          data: { library: libraryLabel(call.client.library), callee: owned.callee, where: whereText(owned.context) },
        });
      },
      onClientCreated(site) {
        // @upstash/redis speaks HTTP: a client object holds no connection.
        if (site.library === 'upstash') return;
        // async-redis keeps one connection per distinct createClient arguments and hands it out again.
        if (site.storage === 'module' || site.storage === 'memoized' || site.wrapped?.sharesConnections) return;
        // A function that hands back the client it builds is a factory, whatever its own shape says (a `'use server'` helper): its callers decide how often it runs.
        const ownHandler = site.context.hotPath?.kind === 'handler' && !site.context.inLoop && returnsItsClient(site);
        if ((!site.context.hotPath && !site.context.inLoop) || ownHandler) {
          // A factory other modules call, none of them in sight: every call opens a connection unless it memoizes.
          const api = context.importedByOthers === false ? exportedApiName(site.context.fn) : undefined;
          if (api !== undefined && isPerUseFactory(api, site)) context.report({ range: constructionRange(site), messageId: 'clientPerCall', data: { library: libraryLabel(site.library), fn: api } });
          return;
        }
        context.report({
          range: constructionRange(site),
          messageId: 'clientPerRequest',
          data: { library: libraryLabel(site.library), where: whereText(site.context, false) },
        });
      },
    };
  },
});

/**
 * A factory meant to be called per use, not once at start-up: a `withRedis(fn)`/`doRedis(fn)` or
 * `loadRedis()`/`useRedis()` helper, one that closes the connection it opened before returning, or
 * one that adds each connection to a collection of live ones. A `duplicate()` counts only by the
 * last two: subscriber set-up duplicates once and keeps it.
 */
function isPerUseFactory(name: string, site: ClientSite): boolean {
  const body = site.context.fn && 'body' in site.context.fn ? (site.context.fn as ts.FunctionLikeDeclaration).body : undefined;
  const ownedHere = site.storedAs !== undefined && body !== undefined && (closesConnection(body, site.storedAs) || tracksEachConnection(body, site.storedAs));
  if (site.kind === 'duplicate') return ownedHere;
  return /^(load|with|do|use|run)([A-Z_]|$)/.test(name) || ownedHere;
}

/** The construction is what its function returns: `return new Redis()`, `=> createClient()`, or `const client = …; return client`. */
function returnsItsClient(site: ClientSite): boolean {
  if (site.storage === 'returned') return true;
  const body = site.context.fn && 'body' in site.context.fn ? (site.context.fn as ts.FunctionLikeDeclaration).body : undefined;
  return site.storedAs !== undefined && body !== undefined && new RegExp(`\\breturn\\s+(await\\s+)?${escaped(site.storedAs)}\\s*[;}\\n]`).test(body.getText());
}

function escaped(name: string): string {
  return name.replace(/[.$]/g, '\\$&');
}
