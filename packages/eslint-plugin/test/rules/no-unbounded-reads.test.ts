import { code } from '../code.js';
import { pluginRule, untypedTester } from '../rule-tester.js';

const rule = pluginRule('no-unbounded-reads');

const header = ["import express from 'express';", "import Redis from 'ioredis';", 'const redis = new Redis({ commandTimeout: 1000 });', 'const app = express();'];
const handler = (path: string, body: string): string => code(...header, `app.get('${path}', async (req, res) => {`, body, '});');

untypedTester.run('no-unbounded-reads', rule, {
  valid: [
    {
      name: 'outside a hot path',
      code: code("import Redis from 'ioredis';", 'const redis = new Redis({ commandTimeout: 1000 });', "export const warm = () => redis.smembers('tags:all');"),
    },
    { name: 'a bounded range', code: handler('/recent', "  res.json(await redis.lrange('recent', 0, 49));") },
    { name: 'allowKeys', code: handler('/config', "  res.json(await redis.hgetall('config:site'));"), options: [{ allowKeys: ['config:*'] }] },
  ],
  invalid: [
    {
      name: 'SMEMBERS in a handler, with the SSCAN suggestion',
      code: handler('/tags/:id', '  res.json(await redis.smembers(`tags:${req.params.id}`));'),
      errors: [
        {
          messageId: 'unboundedRead',
          data: { command: 'SMEMBERS', where: ' in the Express handler for GET /tags/:id', scan: 'sscanStream()' },
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 57,
          suggestions: [{ messageId: 'useScanIterator', data: { scan: 'sscanStream()' }, output: handler('/tags/:id', '  res.json(await redis.sscanStream(`tags:${req.params.id}`));') }],
        },
      ],
    },
    {
      name: 'rangeLimit sets the suggested bound',
      code: handler('/recent', "  res.json(await redis.lrange('recent', 0, -1));"),
      options: [{ rangeLimit: 50 }],
      errors: [
        {
          messageId: 'unboundedRange',
          line: 6,
          column: 24,
          endColumn: 47,
          suggestions: [{ messageId: 'boundRange', data: { count: '50' }, output: handler('/recent', "  res.json(await redis.lrange('recent', 0, 49));") }],
        },
      ],
    },
  ],
});
