import { describe, expect, it } from 'vitest';
import { analyzeText } from '@redis-lint/analyzer';

const ONLY = { rules: { 'require-lock-ttl': 'error', 'require-ttl': 'off', 'require-timeouts': 'off' } } as const;

function apply(code: string, edits: ReadonlyArray<{ start: number; end: number; text: string }>): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((text, edit) => text.slice(0, edit.start) + edit.text + text.slice(edit.end), code);
}

describe('require-lock-ttl fixes', () => {
  it('merges SETNX and the EXPIRE it guards, after other awaited work, into one SET … NX, as a fix', () => {
    const code = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function take(job: string) {\n  if (await redis.setnx(`lock:${job}`, '1')) {\n    await prepare(job);\n    await redis.expire(`lock:${job}`, 30);\n    return true;\n  }\n  return false;\n}\ndeclare function prepare(job: string): Promise<void>;\n";
    const [finding] = analyzeText('app.ts', code, ONLY);
    expect(finding?.messageId).toBe('expiryInSecondCommand');
    expect(finding?.suggestions).toBeUndefined();
    expect(apply(code, finding!.fix!.edits)).toBe(
      "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function take(job: string) {\n  if (await redis.set(`lock:${job}`, '1', 'EX', 30, 'NX')) {\n    await prepare(job);\n    return true;\n  }\n  return false;\n}\ndeclare function prepare(job: string): Promise<void>;\n",
    );
  });

  it('leaves SETNX alone when its EXPIRE follows with nothing awaited between', () => {
    const code = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function take(job: string) {\n  const taken = await redis.setnx(`lock:${job}`, '1');\n  if (taken === 1) {\n    await redis.expire(`lock:${job}`, 30);\n  }\n  return taken === 1;\n}\n";
    expect(analyzeText('app.ts', code, ONLY)).toEqual([]);
  });

  it('only suggests the merge when the EXPIRE waits on a further condition', () => {
    const code = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function take(job: string) {\n  if (await redis.setnx(`lock:${job}`, '1')) {\n    if (await prepare(job)) {\n      await redis.pexpire(`lock:${job}`, 3000);\n    }\n  }\n}\ndeclare function prepare(job: string): Promise<boolean>;\n";
    const [finding] = analyzeText('app.ts', code, ONLY);
    expect(finding?.messageId).toBe('expiryInSecondCommand');
    expect(finding?.fix).toBeUndefined();
    expect(finding?.suggestions?.map((suggestion) => suggestion.messageId)).toEqual(['mergeExpiry']);
  });

  it('reports a SET … GET test-and-set mutex without EX and suggests PX before GET', () => {
    const code = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const tryLock = async (host: string) => (await redis.set(`fetch:mutex:${host}`, '1', 'GET')) !== '1';\n";
    const [finding] = analyzeText('app.ts', code, ONLY);
    expect(finding?.message).toBe(
      "SET … GET takes the lock \"fetch:mutex:${host}\" with no expiry, so if the holder crashes before releasing it the lock is held forever; set it with set(key, value, 'PX', 30000, 'NX').",
    );
    expect(apply(code, finding!.suggestions![0]!.edits)).toBe(
      "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const tryLock = async (host: string) => (await redis.set(`fetch:mutex:${host}`, '1', 'PX', 30000, 'GET')) !== '1';\n",
    );
  });

  it('offers the same edit only as a suggestion when the SETNX reply is compared with 1', () => {
    const code = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function take(job: string) {\n  const taken = await redis.setnx(`lock:${job}`, '1');\n  await audit(job);\n  await redis.pexpire(`lock:${job}`, 30000);\n  return taken === 1;\n}\ndeclare function audit(job: string): Promise<void>;\n";
    const [finding] = analyzeText('app.ts', code, ONLY);
    expect(finding?.fix).toBeUndefined();
    expect(apply(code, finding!.suggestions![0]!.edits)).toBe(
      "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function take(job: string) {\n  const taken = await redis.set(`lock:${job}`, '1', 'PX', 30000, 'NX');\n  await audit(job);\n  return taken === 1;\n}\ndeclare function audit(job: string): Promise<void>;\n",
    );
  });

  it('adds PX to a node-redis v5 SET with condition NX', () => {
    const code = "import { createClient } from 'redis';\nconst c = createClient();\nexport const take = (id: string) => c.set(`lock:${id}`, '1', { condition: 'NX' });\n";
    const [finding] = analyzeText('app.ts', code, ONLY, { redis: '5.12.1' });
    expect(finding?.message).toBe(
      "SET NX takes the lock \"lock:${id}\" with no expiry, so if the holder crashes before releasing it the lock is held forever; set it with set(key, value, { condition: 'NX', expiration: { type: 'PX', value: 30000 } }).",
    );
    expect(apply(code, finding!.suggestions![0]!.edits)).toBe(
      "import { createClient } from 'redis';\nconst c = createClient();\nexport const take = (id: string) => c.set(`lock:${id}`, '1', { condition: 'NX', expiration: { type: 'PX', value: 30000 } });\n",
    );
  });

  it('leaves idempotency markers and locks with a TTL alone', () => {
    const code = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const seen = (id: string) => redis.set(`seen:${id}`, 1, 'NX');\nexport const take = (id: string) => redis.set(`lock:${id}`, 1, 'EX', 10, 'NX');\n";
    expect(analyzeText('app.ts', code, ONLY)).toEqual([]);
  });
});
