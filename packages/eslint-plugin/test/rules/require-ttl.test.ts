import { code } from '../code.js';
import { pluginRule, untypedTester } from '../rule-tester.js';

const rule = pluginRule('require-ttl');

const remember = (...body: string[]): string =>
  code("import Redis from 'ioredis';", 'const redis = new Redis({ commandTimeout: 1000 });', 'export async function remember(id: string, value: string) {', ...body, '}');

untypedTester.run('require-ttl', rule, {
  valid: [
    { name: 'a constant key', code: remember("  await redis.set('leaderboard', value);") },
    { name: 'an expiry on the same key', code: remember('  await redis.hset(`user:${id}`, "name", value);', '  await redis.expire(`user:${id}`, 60);') },
    { name: 'persistentKeys', code: remember('  await redis.sadd(`seen:${id}`, value);'), options: [{ persistentKeys: ['seen:*'] }] },
  ],
  invalid: [
    {
      name: 'SET without a TTL, with the EX suggestion',
      code: remember('  await redis.set(`session:${id}`, value);'),
      errors: [
        {
          messageId: 'setWithoutTtl',
          data: { key: '"session:${id}"', ttlExample: "'EX', 3600" },
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 42,
          suggestions: [{ messageId: 'addTtl', data: { seconds: '3600' }, output: remember("  await redis.set(`session:${id}`, value, 'EX', 3600);") }],
        },
      ],
    },
    {
      name: 'defaultTtlSeconds sets the suggested TTL',
      code: remember('  await redis.set(`session:${id}`, value);'),
      options: [{ defaultTtlSeconds: 60 }],
      errors: [{ messageId: 'setWithoutTtl', line: 4, suggestions: [{ messageId: 'addTtl', output: remember("  await redis.set(`session:${id}`, value, 'EX', 60);") }] }],
    },
    {
      name: 'a write that never adds a TTL',
      code: remember('  await redis.sadd(`seen:${id}`, value);'),
      errors: [{ messageId: 'missingTtl', data: { command: 'SADD', key: '"seen:${id}"' }, line: 4, column: 15, endLine: 4, endColumn: 40 }],
    },
  ],
});
