import { code } from '../code.js';
import { pluginRule, untypedTester } from '../rule-tester.js';

const rule = pluginRule('no-hot-hash-tag');

const store = (key: string): string =>
  code("import Redis from 'ioredis';", 'const redis = new Redis({ commandTimeout: 1000 });', `export const touch = (id: string) => redis.set(${key}, '1', 'EX', 60);`);

untypedTester.run('no-hot-hash-tag', rule, {
  valid: [store('`{user:${id}}:profile`'), store("'{leaderboard}:daily'"), { code: store('`{jobs}:${id}`'), options: [{ allowTags: ['jobs'] }] }],
  invalid: [
    {
      name: 'a constant tag on a per-entity key: the drop-the-tag suggestion',
      code: store('`{users}:${id}`'),
      errors: [
        {
          messageId: 'hotHashTag',
          line: 3,
          column: 48,
          suggestions: [{ messageId: 'removeHashTag', data: { tag: '{users}' }, output: store('`users:${id}`') }],
        },
      ],
    },
  ],
});
