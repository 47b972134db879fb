import ts = require('typescript');
import { propertyNameText } from '../detect/key-resolver.js';
import { skipOuter } from '../detect/module-binding.js';
import type { RedisCall } from '../detect/redis-call.js';
import type { TextEdit } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_OPTION } from '../engine/rule.js';
import { addObjectProperty } from '../fix/add-object-property.js';
import { appendArgument } from '../fix/append-argument.js';
import { callRange } from '../fix/call-range.js';
import { boundsStream, keysBoundedByClasses } from '../detect/trimming-classes.js';

type MessageIds = 'unboundedStream' | 'addMaxlen';
interface Options {
  ignoreTestFiles: boolean;
  maxLen: number;
}

const TRIM_TOKENS = new Set(['MAXLEN', 'MINID']);
/** An explicit entry ID (`1700000000000-0`, `1700000000000-*`) or `*`. */
const ENTRY_ID = /^(\*|\d+(-(\d+|\*))?)$/;

export default defineRule<MessageIds, Options>({
  id: 'require-stream-maxlen',
  meta: {
    description: 'Require XADD to cap its stream with MAXLEN or MINID, so the stream does not grow until Redis runs out of memory.',
    recommended: false,
    strict: true,
    messages: {
      unboundedStream: 'XADD appends to {{key}} without MAXLEN or MINID, and nothing in this file trims it (XTRIM), deletes its processed entries (XDEL) or expires it, so the stream grows until Redis runs out of memory; cap it with {{example}}.',
      addMaxlen: 'Cap the stream at about {{maxLen}} entries (MAXLEN ~ {{maxLen}}).',
    },
    schema: {
      type: 'object',
      properties: {
        ignoreTestFiles: IGNORE_TEST_FILES_OPTION,
        maxLen: { type: 'integer', minimum: 1, description: 'The length the "add MAXLEN" suggestion caps the stream at (approximate trimming, `~`).' },
      },
      additionalProperties: false,
    },
    defaultOptions: { ignoreTestFiles: true, maxLen: 10000 },
    fixable: false,
    hasSuggestions: true,
  },
  create(context) {
    const appends: RedisCall[] = [];
    const bounded = new Set<string>();
    return {
      onRedisCall(call) {
        if (boundsStream(call)) call.keys.forEach((key) => bounded.add(key.signature));
        if (call.command === 'XADD' && readsStreamKey(call) && trimsNothing(call)) appends.push(call);
      },
      onEnd() {
        const maxLen = context.options.maxLen;
        // `new RedisStream(STREAM_KEY)`, whose methods XDEL what they read: bounded by the class the file hands the key to.
        const byClasses = appends.some((call) => call.keys[0] && !bounded.has(call.keys[0].signature)) ? keysBoundedByClasses(context.model, [context.model, ...context.linkedModels()]) : new Set<string>();
        for (const call of appends) {
          const key = call.keys[0];
          if (!key || bounded.has(key.signature) || byClasses.has(key.signature)) continue;
          const edit = maxlenEdit(call, maxLen);
          context.report({
            range: callRange(call),
            messageId: 'unboundedStream',
            keys: [{ key, command: call.command }],
            data: { key: `"${key.display}"`, example: example(call, maxLen) },
            suggest: edit ? [{ messageId: 'addMaxlen', data: { maxLen }, edits: [edit] }] : undefined,
          });
        }
      },
    };
  },
});

/** The stream key is known, even when fields of run-time length follow it (`xadd(key, '*', ...fields)`). */
function readsStreamKey(call: RedisCall): boolean {
  const key = call.keys[0];
  return key !== undefined && (!call.keysIncomplete || key.node === call.args[0]?.node);
}

/** True only when the call provably has no MAXLEN/MINID: the tokens after the key reach the entry ID without one. */
function trimsNothing(call: RedisCall): boolean {
  // ioredis: xadd(key, 'MAXLEN', '~', n, '*', …); node-redis 4–6: xAdd(key, id, fields, { TRIM }); Upstash: xadd(key, id, entries, { trim }) (REDIS-CLIENTS.md, Streams).
  // GLIDE 2.5.2: xadd(key, [[field, value]], { trim: { method: 'maxlen' | 'minid', threshold, exact } }).
  if (call.client.library !== 'ioredis' && call.via === 'method') {
    const args = call.node.arguments;
    if (args.some((arg) => ts.isSpreadElement(arg))) return false;
    if (args.length <= optionsIndex(call)) return true;
    const options = optionsArgument(call);
    return !!options && !options.properties.some((property) => ts.isSpreadAssignment(property) || (property.name !== undefined && ['TRIM', 'trim'].includes(propertyNameText(property.name) ?? '')));
  }
  for (const arg of call.args.slice(1)) {
    const value = arg.value?.toUpperCase();
    if (value === undefined) return false;
    if (TRIM_TOKENS.has(value)) return false;
    if (value === 'NOMKSTREAM') continue;
    return ENTRY_ID.test(value);
  }
  return false;
}

function example(call: RedisCall, maxLen: number): string {
  if (call.client.library !== 'ioredis' && call.via === 'method') return `{ ${trimOption(call, maxLen)} }`;
  return `'MAXLEN', '~', ${maxLen}`;
}

function maxlenEdit(call: RedisCall, maxLen: number): TextEdit | undefined {
  if (call.via === 'array' || call.via === 'sendCommand') return undefined;
  if (call.client.library !== 'ioredis' && call.via === 'method') {
    const options = optionsArgument(call);
    const property = trimOption(call, maxLen);
    if (options) return addObjectProperty(options, property);
    if (call.node.arguments.length !== optionsIndex(call)) return undefined;
    return appendArgument(call.node, `{ ${property} }`);
  }
  const key = call.keys[0]?.node;
  if (!key) return undefined;
  return { start: key.getEnd(), end: key.getEnd(), text: `, 'MAXLEN', '~', ${call.via === 'call' ? `'${maxLen}'` : maxLen}` };
}

/** The trim option of a method-style XADD, approximate, in the client's spelling. */
function trimOption(call: RedisCall, maxLen: number): string {
  if (call.client.library === 'node-redis') return `TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: ${maxLen} }`;
  if (call.client.library === 'valkey-glide') return `trim: { method: 'maxlen', threshold: ${maxLen}, exact: false }`;
  return `trim: { type: 'MAXLEN', threshold: ${maxLen}, comparison: '~' }`;
}

/** Where a method-style XADD takes its options: fourth for node-redis `xAdd` and Upstash `xadd`, third for GLIDE's `xadd(key, entries, options)`. */
function optionsIndex(call: RedisCall): number {
  return call.client.library === 'valkey-glide' ? 2 : 3;
}

/** The options argument of a method-style XADD, when it is an object literal. */
function optionsArgument(call: RedisCall): ts.ObjectLiteralExpression | undefined {
  const options = call.node.arguments[optionsIndex(call)];
  const inner = options && skipOuter(options);
  return inner && ts.isObjectLiteralExpression(inner) ? inner : undefined;
}
