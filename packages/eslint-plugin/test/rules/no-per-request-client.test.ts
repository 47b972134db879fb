import { code } from '../code.js';
import { pluginRule, untypedTester } from '../rule-tester.js';

const rule = pluginRule('no-per-request-client');

const app = (...body: string[]): string =>
  code("import express from 'express';", "import Redis from 'ioredis';", 'const shared = new Redis({ commandTimeout: 1000 });', 'const app = express();', ...body);

untypedTester.run('no-per-request-client', rule, {
  valid: [
    { name: 'a module-scope client used in a handler', code: app("app.get('/users/:id', async (req, res) => {", '  res.json(await shared.get(`user:${req.params.id}`));', '});') },
    {
      name: 'a memoized singleton',
      code: app('let client: Redis | undefined;', "app.get('/users/:id', async (req, res) => {", '  client ??= new Redis({ commandTimeout: 1000 });', '  res.json(await client.get(`user:${req.params.id}`));', '});'),
    },
  ],
  invalid: [
    {
      name: 'a client built in a handler',
      code: app("app.get('/users/:id', async (req, res) => {", '  const redis = new Redis({ commandTimeout: 1000 });', '  res.json(await redis.get(`user:${req.params.id}`));', '});'),
      errors: [
        {
          messageId: 'clientPerRequest',
          data: { library: 'ioredis', where: ' in the Express handler for GET /users/:id' },
          line: 6,
          column: 17,
          endLine: 6,
          endColumn: 52,
        },
      ],
    },
  ],
});
