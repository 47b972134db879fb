import { code } from '../code.js';
import { pluginRule, untypedTester } from '../rule-tester.js';

const rule = pluginRule('require-lock-ttl');

const lock = (...body: string[]): string =>
  code("import Redis from 'ioredis';", 'const redis = new Redis({ commandTimeout: 1000 });', 'export async function lock(id: string, token: string) {', ...body, '}');

untypedTester.run('require-lock-ttl', rule, {
  valid: [
    lock("  return redis.set(`lock:${id}`, token, 'EX', 30, 'NX');"),
    lock('  if (await redis.setnx(`lock:${id}`, token)) {', '    await redis.expire(`lock:${id}`, 30);', '    return true;', '  }', '  return false;'),
  ],
  invalid: [
    {
      name: 'the engine fix becomes the --fix output',
      code: lock('  if (await redis.setnx(`lock:${id}`, token)) {', '    await Promise.resolve();', '    await redis.expire(`lock:${id}`, 30);', '    return true;', '  }', '  return false;'),
      output: lock("  if (await redis.set(`lock:${id}`, token, 'EX', 30, 'NX')) {", '    await Promise.resolve();', '    return true;', '  }', '  return false;'),
      errors: [{ messageId: 'expiryInSecondCommand', line: 4, column: 19, endLine: 4, endColumn: 45, suggestions: [] }],
    },
  ],
});
