import ts = require('typescript');
import { promisifiedMethod } from '../detect/command-table.js';
import { whereText } from '../detect/where.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { callRange } from '../fix/call-range.js';
import { callNodeRedisMajor } from '../detect/node-redis-generation.js';
import type { RedisCall } from '../detect/redis-call.js';

type MessageIds = 'keysCommand' | 'keysInScript' | 'useScan';
interface Options {
  ignoreTestFiles: boolean;
}

const LUA_KEYS = /redis\s*\.\s*p?call\s*\(\s*(['"])keys\1/i;

export default defineRule<MessageIds, Options>({
  id: 'no-keys-command',
  meta: {
    description: 'Disallow the KEYS command, which blocks Redis while it scans every key.',
    recommended: true,
    strict: true,
    messages: {
      keysCommand: 'KEYS{{where}} scans every key in the database and blocks Redis until it finishes; iterate with SCAN ({{scan}}) instead.',
      keysInScript: 'This Lua script calls KEYS, which blocks Redis while it scans every key; pass the keys in KEYS[] or iterate with SCAN outside the script.',
      useScan: 'Replace KEYS with {{scan}}.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: true,
    commands: ['KEYS'],
  },
  create(context) {
    return {
      onRedisCall(call) {
        if (call.command !== 'KEYS') return;
        // node-redis 2 and 3 (a `keysAsync` is bluebird's promisifyAll over one) have no scan iterator.
        const major = callNodeRedisMajor(call, context.clientVersions.redis);
        const v3 = call.client.library === 'node-redis' && ((major !== undefined && major <= 3) || promisifiedMethod(call.method ?? '') !== undefined);
        const scan = v3 ? undefined : scanReplacement(call);
        context.report({
          range: callRange(call),
          messageId: 'keysCommand',
          data: { where: whereText(call.context), scan: scanName(call, v3) },
          suggest: scan ? [{ messageId: 'useScan', data: { scan: scanName(call, v3) }, edits: [scan] }] : undefined,
        });
      },
      onScript(script) {
        if (!script.text) return;
        const match = LUA_KEYS.exec(script.text);
        if (!match) return;
        const range: [number, number] =
          script.textStart !== undefined ? [script.textStart + match.index, script.textStart + match.index + match[0].length] : [script.node.getStart(), script.node.getEnd()];
        context.report({ range, messageId: 'keysInScript' });
      },
    };
  },
});

function scanName(call: RedisCall, v3 = false): string {
  if (call.client.library === 'ioredis') return 'scanStream({ match })';
  // node-redis 3 has no iterator: scan(cursor, 'MATCH', pattern, callback) until the cursor is '0'.
  if (v3) return "scan(cursor, 'MATCH', pattern) until the cursor is '0'";
  if (call.client.library === 'node-redis') return 'scanIterator({ MATCH })';
  // GLIDE 2.5.2: GlideClient.scan(cursor, { match }); GlideClusterClient.scan(new ClusterScanCursor(), { match }).
  if (call.client.library === 'valkey-glide') return call.client.cluster ? 'scan(new ClusterScanCursor(), { match }) until cursor.isFinished()' : "scan('0', { match }) until the cursor is '0'";
  return 'scan(cursor, { match })';
}

/** `redis.keys(p)` → `redis.scanStream({ match: p })` (ioredis) or `client.scanIterator({ MATCH: p })` (node-redis). */
function scanReplacement(call: RedisCall) {
  if (call.via !== 'method' || call.batch || call.client.library === 'upstash' || call.client.library === 'valkey-glide') return undefined;
  const callee = call.node.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const pattern = call.node.arguments[0]?.getText() ?? "'*'";
  const replacement = call.client.library === 'ioredis' ? `scanStream({ match: ${pattern} })` : `scanIterator({ MATCH: ${pattern} })`;
  const start = callee.name.getStart();
  return { start, end: call.node.getEnd(), text: replacement };
}
