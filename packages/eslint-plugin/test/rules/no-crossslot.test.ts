import { code } from '../code.js';
import { pluginRule, untypedTester } from '../rule-tester.js';

const rule = pluginRule('no-crossslot');

const withClients = (...body: string[]): string =>
  code(
    "import Redis from 'ioredis';",
    "const cluster = new Redis.Cluster([{ host: '127.0.0.1', port: 7000 }], { redisOptions: { commandTimeout: 1000 } });",
    'const plain = new Redis({ commandTimeout: 1000 });',
    'export async function move(id: string) {',
    ...body,
    '}',
  );

untypedTester.run('no-crossslot', rule, {
  valid: [
    { name: 'keys sharing a hash tag', code: withClients('  await cluster.rename(`{user:${id}}:a`, `{user:${id}}:b`);') },
    { name: 'a client that is not a cluster client', code: withClients("  await plain.mget('foo', 'bar');") },
  ],
  invalid: [
    {
      name: 'keys without a shared tag, with the hash-tag suggestion',
      code: withClients('  await cluster.rename(`user:${id}:a`, `user:${id}:b`);'),
      errors: [
        {
          messageId: 'crossSlotCommand',
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 55,
          suggestions: [{ messageId: 'addHashTag', data: { tag: '{user:${id}}' }, output: withClients('  await cluster.rename(`{user:${id}}:a`, `{user:${id}}:b`);') }],
        },
      ],
    },
    {
      name: "settings['redis-lint'].cluster makes every client a cluster client",
      code: withClients("  await plain.mget('foo', 'bar');"),
      settings: { 'redis-lint': { cluster: true } },
      errors: [{ messageId: 'crossSlotCommand', data: { command: 'MGET', keys: '"foo" and "bar"', tagExample: '"{user:42}:profile" and "{user:42}:settings"' }, line: 5, column: 15, endLine: 5, endColumn: 33 }],
    },
  ],
});
