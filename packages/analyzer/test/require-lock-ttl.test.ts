import { describe, expect, it } from 'vitest';
import { analyzeText } from '@redis-lint/analyzer';

const ONLY = { rules: { 'require-lock-ttl': 'error', 'require-ttl': 'off', 'require-timeouts': 'off' } } as const;

function apply(code: string, edits: ReadonlyArray<{ start: number; end: number; text: string }>): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((text, edit) => text.slice(0, edit.start) + edit.text + text.slice(edit.end), code);
}

describe('require-lock-ttl fixes', () => {
  it('merges SETNX and the EXPIRE it guards into one SET … NX, as a fix', () => {
    const code = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function take(job: string) {\n  if (await redis.setnx(`lock:${job}`, '1')) {\n    await redis.expire(`lock:${job}`, 30);\n    return true;\n  }\n  return false;\n}\n";
    const [finding] = analyzeText('app.ts', code, ONLY);
    expect(finding?.messageId).toBe('expiryInSecondCommand');
    expect(finding?.suggestions).toBeUndefined();
    expect(apply(code, finding!.fix!.edits)).toBe(
      "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function take(job: string) {\n  if (await redis.set(`lock:${job}`, '1', 'EX', 30, 'NX')) {\n    return true;\n  }\n  return false;\n}\n",
    );
  });

  it('offers the same edit only as a suggestion when the SETNX reply is compared with 1', () => {
    const code = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function take(job: string) {\n  const taken = await redis.setnx(`lock:${job}`, '1');\n  await redis.pexpire(`lock:${job}`, 30000);\n  return taken === 1;\n}\n";
    const [finding] = analyzeText('app.ts', code, ONLY);
    expect(finding?.fix).toBeUndefined();
    expect(apply(code, finding!.suggestions![0]!.edits)).toBe(
      "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function take(job: string) {\n  const taken = await redis.set(`lock:${job}`, '1', 'PX', 30000, 'NX');\n  return taken === 1;\n}\n",
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
