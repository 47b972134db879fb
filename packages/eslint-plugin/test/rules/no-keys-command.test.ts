import { pluginRule, TYPED_PROJECT, typedTester, untypedTester } from '../rule-tester.js';

const rule = pluginRule('no-keys-command');

untypedTester.run('no-keys-command', rule, {
  valid: [
    `const sessions = new Map<string, number>();\nexport const ids = [...sessions.keys()];`,
    `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const stream = redis.scanStream({ match: 'session:*' });`,
    {
      name: 'ignoreTestFiles skips test files',
      filename: 'src/__tests__/cleanup.ts',
      code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const all = () => redis.keys('*');`,
      options: [{ ignoreTestFiles: true }],
    },
  ],
  invalid: [
    {
      name: 'reports the call and suggests scanStream',
      code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const all = () => redis.keys('session:*');`,
      errors: [
        {
          messageId: 'keysCommand',
          data: { where: '', scan: 'scanStream({ match })' },
          line: 3,
          column: 32,
          endLine: 3,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'useScan',
              data: { scan: 'scanStream({ match })' },
              output: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const all = () => redis.scanStream({ match: 'session:*' });`,
            },
          ],
        },
      ],
    },
    {
      name: 'test files too, with ignoreTestFiles: false',
      filename: 'src/__tests__/cleanup.ts',
      options: [{ ignoreTestFiles: false }],
      code: `import { createClient } from 'redis';\nconst client = createClient();\nexport const all = () => client.KEYS('*');`,
      errors: [
        {
          messageId: 'keysCommand',
          line: 3,
          column: 33,
          endColumn: 42,
          suggestions: [
            { messageId: 'useScan', output: `import { createClient } from 'redis';\nconst client = createClient();\nexport const all = () => client.scanIterator({ MATCH: '*' });` },
          ],
        },
      ],
    },
  ],
});

typedTester.run('no-keys-command (typed)', rule, {
  valid: [`const cache = { keys: (): string[] => [] };\nexport const ids = cache.keys();`],
  invalid: [
    {
      name: 'a client imported from another module is known through its type',
      // The typed project lives under test/, a test folder.
      options: [{ ignoreTestFiles: false }],
      code: `import { sharedRedis } from './client.js';\nexport const all = () => sharedRedis.keys('*');`,
      errors: [
        {
          messageId: 'keysCommand',
          line: 2,
          column: 38,
          endColumn: 47,
          suggestions: [{ messageId: 'useScan', output: `import { sharedRedis } from './client.js';\nexport const all = () => sharedRedis.scanStream({ match: '*' });` }],
        },
      ],
    },
  ],
});

untypedTester.run('no-keys-command (same code, untyped)', rule, {
  valid: [{ filename: `${TYPED_PROJECT}file.ts`, code: `import { sharedRedis } from './client.js';\nexport const all = () => sharedRedis.keys('*');` }],
  invalid: [],
});
