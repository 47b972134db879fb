import { describe, expect, it } from 'vitest';
import { analyzeText } from '@redis-lint/analyzer';

function lines(code: string): number[] {
  return analyzeText('app.ts', code, { rules: { 'prefer-hash-over-json': 'error' } })
    .filter((finding) => finding.ruleId === 'prefer-hash-over-json')
    .map((finding) => code.slice(0, finding.start).split('\n').length);
}

const HEADER = "import Redis from 'ioredis';\nconst redis = new Redis();\n";

describe('JSON round trips (prefer-hash-over-json)', () => {
  it('reports the write of a parsed, changed document back to its key', () => {
    expect(lines(`${HEADER}export async function add(id: string) {
  const cart = JSON.parse((await redis.get(\`cart:\${id}\`)) ?? '[]') as string[];
  cart.push('x');
  await redis.set(\`cart:\${id}\`, JSON.stringify(cart));
}`)).toEqual([6]);
    expect(lines(`${HEADER}export async function bump(id: string) {
  const raw = await redis.get('user:' + id);
  const user = JSON.parse(raw!);
  const next = JSON.stringify({ ...user, visits: user.visits + 1 });
  await redis.setex('user:' + id, 60, next);
}`)).toEqual([7]);
  });

  it.each([
    [`export async function load(id: string, fetch: () => Promise<object>) {
  const hit = await redis.get(\`p:\${id}\`);
  if (hit) return JSON.parse(hit);
  const fresh = await fetch();
  await redis.set(\`p:\${id}\`, JSON.stringify(fresh));
  return fresh;
}`, 'cache-aside: the written value does not come from the read'],
    [`export async function copy(id: string) {
  const doc = JSON.parse((await redis.get(\`a:\${id}\`))!);
  await redis.set(\`b:\${id}\`, JSON.stringify(doc));
}`, 'another key'],
    [`export async function write(id: string, doc: object) {
  await redis.set(\`a:\${id}\`, JSON.stringify(doc));
}`, 'a write alone'],
    [`export async function read(id: string) {
  const doc = JSON.parse((await redis.get(\`a:\${id}\`))!);
  return doc;
}
export async function write(id: string, doc: object) {
  await redis.set(\`a:\${id}\`, JSON.stringify(doc));
}`, 'read and write in different functions'],
  ])('accepts %#: %s', (body) => {
    expect(lines(`${HEADER}${body}`)).toEqual([]);
  });
});
