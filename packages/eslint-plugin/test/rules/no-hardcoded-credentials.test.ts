import { code } from '../code.js';
import { pluginRule, untypedTester } from '../rule-tester.js';

const rule = pluginRule('no-hardcoded-credentials');

const ioredis = (options: string): string => code("import Redis from 'ioredis';", `export const redis = new Redis({ commandTimeout: 1000, ${options} });`);
const nodeRedis = (url: string): string => code("import { createClient } from 'redis';", `export const client = createClient({ url: ${url}, socket: { socketTimeout: 1000 } });`);

untypedTester.run('no-hardcoded-credentials', rule, {
  valid: [ioredis('password: process.env.REDIS_PASSWORD'), ioredis("password: '<password>'"), ioredis("password: ''"), nodeRedis("'redis://cache.internal:6379'")],
  invalid: [
    {
      name: 'a literal password, with the environment suggestion',
      code: ioredis("password: 'correct-horse-battery'"),
      errors: [
        {
          messageId: 'hardcodedPassword',
          line: 2,
          column: 66,
          endLine: 2,
          endColumn: 89,
          suggestions: [{ messageId: 'useEnvironment', data: { env: 'process.env.REDIS_PASSWORD' }, output: ioredis('password: process.env.REDIS_PASSWORD') }],
        },
      ],
    },
    {
      name: 'a URL with a password',
      code: nodeRedis("'redis://app:s3cr3t-pass@cache.internal:6379'"),
      errors: [
        {
          messageId: 'passwordInUrl',
          line: 2,
          column: 43,
          endColumn: 88,
          suggestions: [{ messageId: 'useEnvironment', data: { env: 'process.env.REDIS_URL' }, output: nodeRedis('process.env.REDIS_URL') }],
        },
      ],
    },
  ],
});
