import ts = require('typescript');
import { connectionTargets, isPrivateHost, type ConnectionTarget } from '../detect/connection-target.js';
import type { ClientSite } from '../detect/client-site.js';
import { isWithin } from '../detect/node-range.js';
import { nodeRedisMajor } from '../detect/node-redis-generation.js';
import type { TextEdit } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_OPTION } from '../engine/rule.js';
import { addObjectProperty } from '../fix/add-object-property.js';

type MessageIds = 'plaintextUrl' | 'plaintextHost' | 'useRediss' | 'enableTls';
interface Options {
  allowHosts: string[];
  ignoreTestFiles: boolean;
}

export default defineRule<MessageIds, Options>({
  id: 'require-tls',
  meta: {
    description: 'Require TLS for connections to Redis servers outside this machine or private network.',
    recommended: false,
    strict: true,
    messages: {
      plaintextUrl:
        'This redis:// URL connects to {{host}} without TLS, so the password, the commands and the data cross the network in plaintext; use rediss:// (or the tls option).',
      plaintextHost: 'This client connects to {{host}} without TLS, so the password, the commands and the data cross the network in plaintext; turn on the {{option}} option.',
      useRediss: 'Connect with rediss:// (the server must accept TLS).',
      enableTls: 'Add {{option}} (the server must accept TLS).',
    },
    schema: {
      type: 'object',
      properties: {
        allowHosts: {
          type: 'array',
          items: { type: 'string' },
          description: 'Host names (or `*.suffix` patterns) reached over a trusted network, where plaintext is accepted: `["*.corp.example.com"]`. Loopback, private addresses and single-label names are always accepted.',
        },
        ignoreTestFiles: IGNORE_TEST_FILES_OPTION,
      },
      additionalProperties: false,
    },
    defaultOptions: { allowHosts: [], ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: true,
  },
  create(context) {
    const reported = new Set<ts.Node>();
    const allowed = (host: string): boolean =>
      isPrivateHost(host) || context.options.allowHosts.some((pattern) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern.toLowerCase()));
    return {
      onClientCreated(site) {
        for (const target of connectionTargets(site, context.model.context)) {
          if (target.tls !== false || allowed(target.host)) continue;
          // TLS is one setting for every node of a cluster, and a literal written elsewhere may feed several clients: report the construction.
          const atConstruction = site.kind === 'cluster' || !isWithin(target.literal, site.node);
          const node = atConstruction ? site.node : target.literal;
          if (reported.has(node)) continue;
          reported.add(node);
          const legacy = site.library === 'node-redis' && (nodeRedisMajor(site, context.clientVersions.redis) ?? 4) <= 3;
          const option = legacy ? 'tls: {}' : tlsOption(site);
          if (target.kind === 'url' && site.kind !== 'cluster') {
            const edit = rediss(target);
            context.report({ node, messageId: 'plaintextUrl', data: { host: target.host }, suggest: edit ? [{ messageId: 'useRediss', edits: [edit] }] : undefined });
          } else {
            const inline = !atConstruction && target.tlsHolder && target.tlsHolder.getSourceFile() === context.sourceFile;
            // node-redis 3 hands a `tls` object to tls.connect(); 4 and later take `socket.tls: true`.
            const property = site.library === 'node-redis' && !legacy ? 'tls: true' : site.library === 'valkey-glide' ? 'useTLS: true' : 'tls: {}';
            context.report({
              node,
              messageId: 'plaintextHost',
              data: { host: target.host, option },
              suggest: inline ? [{ messageId: 'enableTls', data: { option }, edits: [addObjectProperty(target.tlsHolder!, property)] }] : undefined,
            });
          }
        }
      },
    };
  },
});

function tlsOption(site: ClientSite): string {
  if (site.library === 'valkey-glide') return 'useTLS: true';
  if (site.library === 'node-redis') return site.kind === 'cluster' ? 'defaults.socket.tls: true' : 'socket.tls: true';
  return site.kind === 'cluster' ? 'redisOptions.tls: {}' : 'tls: {}';
}

/** `'redis://host'` → `'rediss://host'`, when the literal spells the scheme as written. */
function rediss(target: ConnectionTarget): TextEdit | undefined {
  const raw = target.literal.getText();
  const match = /^(['"`])(redis|valkey):\/\//i.exec(raw);
  if (!match) return undefined;
  const at = target.literal.getStart() + 1 + match[2]!.length;
  return { start: at, end: at, text: 's' };
}
