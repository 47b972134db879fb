import ts = require('typescript');
import { isLockKey } from './lock-key.js';
import { writesOnlyIfAbsent } from './only-if-absent.js';
import type { RedisCall } from './redis-call.js';
import { returnsOldValue } from './test-and-set.js';

const LOCK_FUNCTION = /lock|acquire|mutex|leader/i;
const RELEASE_FUNCTION = /release|unlock/i;

/** A function named for giving a lock back (`releaseLock`, `unlock`): its DEL is the lock's protocol. */
export function isReleaseName(name: string | undefined): boolean {
  return name !== undefined && RELEASE_FUNCTION.test(name);
}

/**
 * A command that takes a lock: SET NX / SETNX, or a SET … GET test-and-set, on a key named like a
 * lock (`lock:${id}`, `this.lockKey`) or in a function named like taking one (`acquireLock`).
 * A create-once write elsewhere (`setIfNotExist(key)`, `seen:${id}`) is no lock.
 */
export function takesLock(call: RedisCall): boolean {
  if (!writesOnlyIfAbsent(call) && !returnsOldValue(call)) return false;
  const key = call.keys[0];
  if (!key) return false;
  if (isLockKey(key)) return true;
  const fn = call.context.fn;
  const name = fn && 'name' in fn && fn.name && ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  return name !== undefined && LOCK_FUNCTION.test(name);
}
