import { describe, expect, it } from 'vitest';
import { applySuppressions } from '@redis-lint/analyzer';

// Every host honours the same comments through this one function.
describe('applySuppressions', () => {
  it.each([
    ['// redis-lint-disable-next-line no-keys-command\nredis.keys("*");', true],
    ['// redis-lint-disable-next-line require-ttl, no-keys-command -- migration script\nredis.keys("*");', true],
    ['// redis-lint-disable-next-line\nredis.keys("*");', true],
    ['// eslint-disable-next-line @redis-lint/no-keys-command\nredis.keys("*");', true],
    ['redis.keys("*"); // redis-lint-disable-line no-keys-command', true],
    ['// redis-lint-disable-next-line require-ttl\nredis.keys("*");', false],
    ['// eslint-disable-next-line no-keys-command\nredis.keys("*");', false],
    ['// redis-lint-disable-next-line no-keys-command\n\nredis.keys("*");', false],
    ['/* redis-lint-disable no-keys-command */\na();\nredis.keys("*");', true],
    ['/* eslint-disable */\nredis.keys("*");', true],
    ['/* eslint-disable no-console */\nredis.keys("*");', false],
    ['/* redis-lint-disable */\n/* redis-lint-enable no-keys-command */\nredis.keys("*");', false],
    ['/* redis-lint-disable no-keys-command */\n/* redis-lint-enable */\nredis.keys("*");', false],
    ['redis.keys("*");\n/* redis-lint-disable no-keys-command */', false],
  ])('%j → suppressed %s', (text, suppressed) => {
    const finding = { ruleId: 'no-keys-command', messageId: 'keysCommand', message: 'KEYS.', severity: 'error' as const, file: 'a.ts', start: text.indexOf('redis.keys'), end: text.indexOf('redis.keys') + 10 };
    expect(applySuppressions('a.ts', text, [finding]).kept.length === 0).toBe(suppressed);
  });

});
