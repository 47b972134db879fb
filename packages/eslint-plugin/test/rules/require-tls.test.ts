import { code } from '../code.js';
import { pluginRule, untypedTester } from '../rule-tester.js';

const rule = pluginRule('require-tls');

untypedTester.run('require-tls', rule, {
  valid: [
    code("import Redis from 'ioredis';", "export const redis = new Redis('redis://127.0.0.1:6379');"),
    code("import Redis from 'ioredis';", "export const redis = new Redis('rediss://cache.example.com:6380');"),
    {
      code: code("import Redis from 'ioredis';", "export const redis = new Redis('redis://cache.corp.example.com');"),
      options: [{ allowHosts: ['*.corp.example.com'] }],
    },
  ],
  invalid: [
    {
      name: 'a redis:// URL to a public host: the rediss:// suggestion',
      code: code("import Redis from 'ioredis';", "export const redis = new Redis('redis://cache.example.com:6379');"),
      errors: [
        {
          messageId: 'plaintextUrl',
          data: { host: 'cache.example.com' },
          line: 2,
          column: 32,
          endLine: 2,
          endColumn: 64,
          suggestions: [{ messageId: 'useRediss', output: code("import Redis from 'ioredis';", "export const redis = new Redis('rediss://cache.example.com:6379');") }],
        },
      ],
    },
    {
      name: 'a node-redis socket host: the socket.tls suggestion',
      code: code("import { createClient } from 'redis';", "export const client = createClient({ socket: { host: 'db.example.org' } });"),
      errors: [
        {
          messageId: 'plaintextHost',
          line: 2,
          suggestions: [{ messageId: 'enableTls', output: code("import { createClient } from 'redis';", "export const client = createClient({ socket: { host: 'db.example.org', tls: true } });") }],
        },
      ],
    },
  ],
});
