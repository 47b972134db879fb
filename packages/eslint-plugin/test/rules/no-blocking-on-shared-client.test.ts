import { code } from '../code.js';
import { pluginRule, untypedTester } from '../rule-tester.js';

const rule = pluginRule('no-blocking-on-shared-client');

untypedTester.run('no-blocking-on-shared-client', rule, {
  valid: [
    code(
      "import Redis from 'ioredis';",
      'const redis = new Redis();',
      'const worker = redis.duplicate();',
      "export const put = (job: string) => redis.lpush('q', job);",
      "export const take = () => worker.brpop('q', 5);",
    ),
  ],
  invalid: [
    {
      name: 'a pop on the shared client: the dedicated duplicate() suggestion',
      code: code("import Redis from 'ioredis';", 'const redis = new Redis();', "export const put = (job: string) => redis.lpush('q', job);", "export const take = () => redis.brpop('q', 5);"),
      errors: [
        {
          messageId: 'blockingOnSharedClient',
          line: 4,
          column: 33,
          suggestions: [
            {
              messageId: 'useDedicatedConnection',
              output: code(
                "import Redis from 'ioredis';",
                'const redis = new Redis();',
                'const redisBlocking = redis.duplicate();',
                "export const put = (job: string) => redis.lpush('q', job);",
                "export const take = () => redisBlocking.brpop('q', 5);",
              ),
            },
          ],
        },
      ],
    },
  ],
});
