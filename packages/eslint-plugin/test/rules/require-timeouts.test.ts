import { code } from '../code.js';
import { pluginRule, untypedTester } from '../rule-tester.js';

const rule = pluginRule('require-timeouts');

const node5 = { 'redis-lint': { clientVersions: { redis: '5.12.1' } } };
const node6 = { 'redis-lint': { clientVersions: { redis: '6.2.1' } } };
const nodeRedis = (options: string): string => code("import { createClient } from 'redis';", `export const client = createClient(${options});`);
const spread = code("import Redis from 'ioredis';", 'export const connect = (options: object) => new Redis({ ...options });');

untypedTester.run('require-timeouts', rule, {
  valid: [
    code("import Redis from 'ioredis';", 'export const redis = new Redis({ commandTimeout: 1000 });'),
    { name: 'node-redis with socket.socketTimeout', code: nodeRedis('{ socket: { socketTimeout: 1000 } }'), settings: node6 },
    { name: 'options a caller hands in, by default', code: spread },
  ],
  invalid: [
    {
      name: 'ioredis without commandTimeout, with the suggestion',
      code: code("import Redis from 'ioredis';", 'export const redis = new Redis();'),
      errors: [
        {
          messageId: 'ioredisNoCommandTimeout',
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 33,
          suggestions: [{ messageId: 'addTimeout', data: { option: 'commandTimeout: 5000' }, output: code("import Redis from 'ioredis';", 'export const redis = new Redis({ commandTimeout: 5000 });') }],
        },
      ],
    },
    {
      name: 'timeoutMs sets the suggested value',
      code: nodeRedis('{ url: process.env.REDIS_URL }'),
      options: [{ timeoutMs: 2000 }],
      settings: node5,
      errors: [
        {
          messageId: 'nodeRedisNoSocketTimeout',
          line: 2,
          column: 23,
          endColumn: 67,
          suggestions: [{ messageId: 'addTimeout', output: nodeRedis('{ url: process.env.REDIS_URL, socket: { socketTimeout: 2000 } }') }],
        },
      ],
    },
    {
      name: "the installed version comes from settings['redis-lint'].clientVersions",
      code: nodeRedis('{ url: process.env.REDIS_URL }'),
      settings: node6,
      errors: [{ messageId: 'nodeRedis6QueueTimeoutOnly', line: 2, suggestions: [{ messageId: 'addTimeout', output: nodeRedis('{ url: process.env.REDIS_URL, socket: { socketTimeout: 5000 } }') }] }],
    },
    {
      name: 'strict reports options the engine cannot see',
      code: spread,
      options: [{ strict: true }],
      errors: [
        {
          messageId: 'ioredisNoCommandTimeout',
          line: 2,
          column: 45,
          endColumn: 70,
          suggestions: [{ messageId: 'addTimeout', output: code("import Redis from 'ioredis';", 'export const connect = (options: object) => new Redis({ ...options, commandTimeout: 5000 });') }],
        },
      ],
    },
  ],
});
