import { describe, expect, it } from 'vitest';
import { analyzeText } from '@redis-lint/analyzer';

const ONLY = { rules: { 'require-error-listener': 'error', 'require-timeouts': 'off', 'no-per-request-client': 'off' } } as const;

function lines(code: string): number[] {
  return analyzeText('app.ts', code, ONLY).map((finding) => code.slice(0, finding.start).split('\n').length);
}

describe('require-error-listener', () => {
  it('says node-redis crashes, and suggests chaining a listener onto the construction', () => {
    const code = "import { createClient } from 'redis';\nexport const client = await createClient({ url: process.env.REDIS_URL }).connect();\n";
    const [finding] = analyzeText('app.ts', code, ONLY);
    expect(finding?.message).toBe(
      "This node-redis client has no 'error' listener in this file, so the first connection error is an unhandled 'error' event that crashes the process; attach one with .on('error', …) before connecting.",
    );
    const edit = finding!.suggestions![0]!.edits[0]!;
    expect(code.slice(0, edit.start) + edit.text + code.slice(edit.end)).toBe(
      "import { createClient } from 'redis';\nexport const client = await createClient({ url: process.env.REDIS_URL }).on('error', (error) => console.error('Redis client error', error)).connect();\n",
    );
  });

  it('accepts a helper that wires a client parameter, and reports the client nobody listens to', () => {
    expect(lines("import Redis from 'ioredis';\nfunction watch(client: Redis) { client.on('error', console.error); }\nconst r = new Redis();\nwatch(r);\n")).toEqual([]);
    expect(lines("import Redis from 'ioredis';\nconst r = new Redis();\nconst s = new Redis();\nr.on('error', console.error);\n")).toEqual([3]);
  });

  it('does not report returned clients, clients handed to other code, BullMQ connections or Upstash', () => {
    const code = [
      "import Redis from 'ioredis';",
      "import { Redis as Upstash } from '@upstash/redis';",
      "import { Queue } from 'bullmq';",
      'export function make(url: string) { const client = new Redis(url); return client; }',
      "export const queue = new Queue('q', { connection: new Redis() });",
      'export const connection = new Redis({ maxRetriesPerRequest: null });',
      'export const edge = Upstash.fromEnv();',
    ].join('\n');
    expect(lines(code)).toEqual([]);
  });
});
