import { helperNameOf } from '../detect/helper-calls.js';
import { isLockKey } from '../detect/lock-key.js';
import { isReleaseName, takesLock } from '../detect/lock-take.js';
import type { KeyPattern } from '../detect/key-pattern.js';
import type { RedisCall } from '../detect/redis-call.js';
import { defineRule, IGNORE_TEST_FILES_ONLY } from '../engine/rule.js';
import { callRange } from '../fix/call-range.js';

type MessageIds = 'releaseWithoutOwnerCheck' | 'checkThenRelease';
interface Options {
  ignoreTestFiles: boolean;
}

const RELEASES = new Set(['DEL', 'UNLINK']);

export default defineRule<MessageIds, Options>({
  id: 'safe-lock-release',
  meta: {
    description: 'Require a lock to be released only by its owner, by comparing the owner token and deleting in one atomic step.',
    recommended: false,
    strict: true,
    messages: {
      releaseWithoutOwnerCheck:
        '{{command}} releases the lock {{key}} without checking that this process still owns it, so once the lock expired and another worker took it, this deletes their lock; compare the owner token and delete in one Lua script, or use a lock library.',
      checkThenRelease:
        'The owner token of the lock {{key}} is read with GET and the lock deleted with a separate {{command}}, so it can expire and pass to another worker in between and this deletes their lock; compare and delete in one Lua script.',
    },
    schema: IGNORE_TEST_FILES_ONLY,
    defaultOptions: { ignoreTestFiles: true },
    fixable: false,
    hasSuggestions: false,
  },
  create(context) {
    const acquired = new Map<string, RedisCall[]>();
    // A key that is only a name (`del(key)`) is the lock a `set(key, token, 'NX')` took in the same function, or in
    // a `release(key)`/`unlock(key)`; a generic `del(key)` beside `acquireLock(key)` deletes whatever its callers pass.
    const acquiredFor = (key: KeyPattern, release: RedisCall): boolean =>
      acquired.get(key.signature)?.some((take) => key.hasTextPart || key.parts.length !== 1 || take.context.fn === release.context.fn || releasesByName(release)) ?? false;
    const takes: RedisCall[] = [];
    const releases: RedisCall[] = [];
    const reads: RedisCall[] = [];
    const watches: RedisCall[] = [];
    return {
      onRedisCall(call) {
        if (takesLock(call) && call.keys[0]) {
          const signature = call.keys[0].signature;
          acquired.set(signature, [...(acquired.get(signature) ?? []), call]);
          takes.push(call);
        }
        if (RELEASES.has(call.command)) releases.push(call);
        if (call.command === 'GET') reads.push(call);
        if (call.command === 'WATCH') watches.push(call);
      },
      onEnd() {
        for (const release of releases) {
          // A DEL of several keys named like locks, none taken in this file, is clean-up rather than a release.
          const key = release.keys.find((candidate) => acquiredFor(candidate, release) || (release.keys.length === 1 && isLockKey(candidate)));
          if (!key) continue;
          // A DEL just before taking another lock clears a stale key (an old key name left behind), it releases nothing.
          if (!acquiredFor(key, release) && takes.some((take) => take.context.fn === release.context.fn && take.node.pos > release.node.pos)) continue;
          const sameFunction = (call: RedisCall): boolean => call.context.fn === release.context.fn && call.keys.some((candidate) => candidate.signature === key.signature);
          // WATCH, GET, then MULTI … DEL … EXEC is an atomic compare-and-delete.
          if (release.batch?.kind === 'multi' && watches.some(sameFunction)) continue;
          const checked = reads.some((read) => read.node.pos < release.node.pos && sameFunction(read));
          context.report({
            range: callRange(release),
            messageId: checked ? 'checkThenRelease' : 'releaseWithoutOwnerCheck',
            data: { command: release.command, key: `"${key.display}"` },
            keys: [{ key, command: release.command }],
          });
        }
      },
    };
  },
});

function releasesByName(release: RedisCall): boolean {
  const fn = release.context.fn;
  return fn !== undefined && isReleaseName(helperNameOf(fn));
}
