import ts = require('typescript');
import { promisifiedMethod } from '../detect/command-table.js';
import { glideTimeUnit } from '../detect/glide-time-unit.js';
import { writesWithTtl } from '../detect/expiry.js';
import { propertyNameText } from '../detect/key-resolver.js';
import { takesLock } from '../detect/lock-take.js';
import { luaCallRange } from '../detect/lua-literals.js';
import { luaLocksWithoutTtl } from '../detect/lua-lock-take.js';
import { skipOuter } from '../detect/module-binding.js';
import { writesOnlyIfAbsent } from '../detect/only-if-absent.js';
import type { RedisCall } from '../detect/redis-call.js';
import { atLeast } from '../engine/client-versions.js';
import type { TextEdit } from '../engine/finding.js';
import { defineRule, IGNORE_TEST_FILES_OPTION } from '../engine/rule.js';
import { addObjectProperty } from '../fix/add-object-property.js';
import { callRange } from '../fix/call-range.js';
import { removeStatement } from '../fix/remove-statement.js';

type MessageIds = 'lockWithoutTtl' | 'expiryInSecondCommand' | 'scriptLockWithoutTtl' | 'addLockTtl' | 'mergeExpiry';
interface Options {
  ignoreTestFiles: boolean;
  lockTtlMs: number;
}

const EXPIRIES: Record<string, 'EX' | 'PX'> = { EXPIRE: 'EX', PEXPIRE: 'PX' };

export default defineRule<MessageIds, Options>({
  id: 'require-lock-ttl',
  meta: {
    description: 'Require a lock taken with SET NX or SETNX to expire in the same command, so a crashed holder cannot keep it forever.',
    recommended: false,
    strict: true,
    messages: {
      lockWithoutTtl: '{{command}} takes the lock {{key}} with no expiry, so if the holder crashes before releasing it the lock is held forever; set it with {{example}}.',
      expiryInSecondCommand:
        '{{command}} and a separate {{expiry}} leave a window where the lock {{key}} exists without a TTL: if the process dies between them the lock is held forever (laravel/horizon #1738); take it with one SET {{key}} value NX {{unit}} instead.',
      scriptLockWithoutTtl:
        'This Lua script takes the lock {{key}} with {{command}} and {{expiry}}, so if the holder crashes before releasing it the lock is held forever; take it with SET {{key}} value NX PX <ms> on every path.',
      addLockTtl: 'Expire the lock after {{ms}} ms (PX {{ms}}).',
      mergeExpiry: 'Take the lock and its expiry in one SET … NX {{unit}}.',
    },
    schema: {
      type: 'object',
      properties: {
        ignoreTestFiles: IGNORE_TEST_FILES_OPTION,
        lockTtlMs: { type: 'integer', minimum: 1, description: 'The lock lifetime, in milliseconds, the "add an expiry" suggestion inserts.' },
      },
      additionalProperties: false,
    },
    defaultOptions: { ignoreTestFiles: true, lockTtlMs: 30000 },
    fixable: true,
    hasSuggestions: true,
  },
  create(context) {
    const takes: RedisCall[] = [];
    const expiries: RedisCall[] = [];
    return {
      onRedisCall(call) {
        if (EXPIRIES[call.command]) expiries.push(call);
        if (takesLock(call) && !(call.command === 'SET' && writesWithTtl(call))) takes.push(call);
      },
      onEnd() {
        for (const script of context.model.luaLiterals) {
          for (const take of luaLocksWithoutTtl(script.text)) {
            const expiry = take.expiry === 'none' ? 'never expires it' : 'expires it only on some paths';
            context.report({ range: luaCallRange(script, take.start), messageId: 'scriptLockWithoutTtl', data: { command: take.command, key: take.key, expiry } });
          }
        }
        const ms = context.options.lockTtlMs;
        const v4 = context.clientVersions.redis !== undefined && !atLeast(context.clientVersions.redis, 5);
        for (const take of takes) {
          const key = take.keys[0]!;
          const expiry = expiries.find((candidate) => candidate.node.pos > take.node.pos && candidate.context.fn === take.context.fn && candidate.keys[0]?.signature === key.signature);
          // An EXPIRE with nothing awaited since the take gives the lock its TTL; only a crash in that instant leaves it without one.
          if (expiry && !awaitsBetween(take, expiry)) continue;
          if (expiry) {
            const unit = EXPIRIES[expiry.command]!;
            const edits = mergeEdits(take, expiry, unit, v4);
            const data = { command: commandName(take), key: `"${key.display}"`, expiry: expiry.command, unit };
            const safe = edits && guardsExpiry(take, expiry);
            context.report({
              range: callRange(take),
              messageId: 'expiryInSecondCommand',
              data,
              keys: [{ key, command: take.command }],
              fix: safe ? edits : undefined,
              suggest: edits && !safe ? [{ messageId: 'mergeExpiry', data: { unit }, edits }] : undefined,
            });
            continue;
          }
          const edit = addTtlEdit(take, ms, v4);
          context.report({
            range: callRange(take),
            messageId: 'lockWithoutTtl',
            keys: [{ key, command: take.command }],
            data: { command: commandName(take), key: `"${key.display}"`, example: example(take, ms, v4) },
            suggest: edit ? [{ messageId: 'addLockTtl', data: { ms }, edits: edit }] : undefined,
          });
        }
      },
    };
  },
});

function commandName(take: RedisCall): string {
  if (take.command === 'SETNX') return 'SETNX';
  return writesOnlyIfAbsent(take) ? 'SET NX' : 'SET … GET';
}

/** Something is awaited after the take and before the EXPIRE (`await reserveStock()`), so the lock lives without a TTL meanwhile. */
function awaitsBetween(take: RedisCall, expiry: RedisCall): boolean {
  const body = take.context.fn && 'body' in take.context.fn ? take.context.fn.body : undefined;
  if (!body) return false;
  const start = take.node.getEnd();
  const end = expiry.node.getStart();
  const visit = (node: ts.Node): boolean => {
    if (node.getEnd() <= start || node.getStart() >= end) return false;
    if (ts.isFunctionLike(node)) return false;
    if ((ts.isAwaitExpression(node) || ts.isYieldExpression(node)) && node.getStart() >= start && node.getEnd() <= end) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(body);
}

function ttlOptions(call: RedisCall, unit: string, amount: string, v4: boolean, timeUnit = 'TimeUnit'): string {
  // ioredis 5: set(k, v, 'PX', ms, 'NX'); node-redis 5+: { condition: 'NX', expiration }, 4: { NX: true, PX }; Upstash: { nx, px } (REDIS-CLIENTS.md).
  if (call.client.library === 'ioredis') return `'${unit}', ${amount}, 'NX'`;
  // GLIDE 2.5.2: { conditionalSet: "onlyIfDoesNotExist", expiry: { type: TimeUnit.Milliseconds, count } }.
  if (call.client.library === 'valkey-glide') return `{ conditionalSet: 'onlyIfDoesNotExist', expiry: ${glideExpiry(unit, amount, timeUnit)} }`;
  if (call.client.library === 'upstash') return `{ nx: true, ${unit.toLowerCase()}: ${amount} }`;
  return v4 ? `{ NX: true, ${unit}: ${amount} }` : `{ condition: 'NX', expiration: { type: '${unit}', value: ${amount} } }`;
}

function glideExpiry(unit: string, amount: string, timeUnit: string): string {
  return `{ type: ${timeUnit}.${unit === 'PX' ? 'Milliseconds' : 'Seconds'}, count: ${amount} }`;
}

function example(call: RedisCall, ms: number, v4: boolean): string {
  return `set(key, value, ${ttlOptions(call, 'PX', String(ms), v4)})`;
}

/** `setnx(k, v)` → `set(k, v, <NX with TTL>)`, keeping the method's casing. */
function setWithTtl(call: RedisCall, unit: string, amount: string, v4: boolean): TextEdit[] | undefined {
  if (call.via !== 'method' || !call.method || call.node.arguments.length !== 2) return undefined;
  const callee = skipOuter(call.node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const value = call.node.arguments[1]!;
  // `setnxAsync` (bluebird's promisifyAll over node-redis 3) becomes `setAsync`.
  const method = (call.method === call.method.toUpperCase() ? 'SET' : 'set') + (promisifiedMethod(call.method) ? 'Async' : '');
  return [
    { start: callee.name.getStart(), end: callee.name.getEnd(), text: method },
    { start: value.getEnd(), end: value.getEnd(), text: `, ${ttlOptions(call, unit, amount, v4)}` },
  ];
}

function addTtlEdit(call: RedisCall, ms: number, v4: boolean): TextEdit[] | undefined {
  if (call.command === 'SETNX') return setWithTtl(call, 'PX', String(ms), v4);
  if (call.via !== 'method') return undefined;
  if (call.client.library === 'ioredis') {
    const condition = call.args.slice(2).find((arg) => arg.value?.toUpperCase() === 'NX' || arg.value?.toUpperCase() === 'GET');
    return condition ? [{ start: condition.node.getStart(), end: condition.node.getStart(), text: `'PX', ${ms}, ` }] : undefined;
  }
  const options = call.optionObjects[0];
  if (!options) return undefined;
  if (call.client.library === 'valkey-glide') {
    const timeUnit = glideTimeUnit(call.node.getSourceFile());
    return timeUnit ? [addObjectProperty(options, `expiry: ${glideExpiry('PX', String(ms), timeUnit)}`)] : undefined;
  }
  const usesCondition = options.properties.some((property) => property.name !== undefined && propertyNameText(property.name) === 'condition');
  if (call.client.library === 'upstash') return [addObjectProperty(options, `px: ${ms}`)];
  return [addObjectProperty(options, usesCondition && !v4 ? `expiration: { type: 'PX', value: ${ms} }` : `PX: ${ms}`)];
}

/** SETNX + EXPIRE → one SET … NX EX, and the EXPIRE statement removed. */
function mergeEdits(take: RedisCall, expiry: RedisCall, unit: 'EX' | 'PX', v4: boolean): TextEdit[] | undefined {
  const amount = expiry.via === 'method' && expiry.node.arguments.length === 2 ? expiry.node.arguments[1]! : undefined;
  if (!amount || ts.isSpreadElement(amount)) return undefined;
  const removal = removeStatement(expiry.node);
  const set = setWithTtl(take, unit, amount.getText(), v4);
  return removal && set ? [...set, removal] : undefined;
}

/**
 * The fix keeps the reply's use when the EXPIRE runs whenever SETNX succeeded: a statement of the
 * block `if (await r.setnx(k, v)) { … await r.expire(k, n); … }` guards, not one nested in a further condition.
 */
function guardsExpiry(take: RedisCall, expiry: RedisCall): boolean {
  let node: ts.Node = take.node;
  while (node.parent && (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent))) node = node.parent;
  const statement = node.parent;
  if (!statement || !ts.isIfStatement(statement) || statement.expression !== node) return false;
  let expiryStatement: ts.Node = expiry.node;
  while (expiryStatement.parent && !ts.isExpressionStatement(expiryStatement)) expiryStatement = expiryStatement.parent;
  const then = statement.thenStatement;
  return expiryStatement === then || expiryStatement.parent === then;
}
