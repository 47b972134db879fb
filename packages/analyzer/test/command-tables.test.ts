import { describe, expect, it } from 'vitest';
import { analyzeSourceFile, resolveConfig, rules } from '@redis-lint/analyzer';
import { inMemoryProgram } from './typed-program.js';

const KEYS_ONLY = resolveConfig(rules, { rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'no-keys-command' ? 'error' : 'off'])) });

/** The lines of `routes.js` with a KEYS finding, in a program with no `node_modules` (the client's type is unknown). */
function keysLinesInRoutes(files: Record<string, string>): number[] {
  const program = inMemoryProgram(files);
  const routes = program.getSourceFile('/routes.js')!;
  return analyzeSourceFile(routes, { config: KEYS_ONLY, program }).map((finding) => routes.getLineAndCharacterOfPosition(finding.start).line + 1);
}

const CLIENT = "const { promisify } = require('util');\nconst redis = require('redis');\nconst client = redis.createClient();\n";

describe("a module's command table, called from another module", () => {
  it.each([
    ['an object of promisified methods', { 'lib/redis.js': `${CLIENT}module.exports = { keys: promisify(client.keys).bind(client) };`, 'routes.js': "const chat = require('./lib/redis');\nchat.keys('group:*');" }],
    [
      'the client spread with promisified methods beside it (an object of unknown type)',
      { 'lib/redis.js': `${CLIENT}module.exports = { ...client, keysAsync: promisify(client.keys).bind(client) };`, 'routes.js': "const redis = require('./lib/redis');\nredis.keysAsync('log *');" },
    ],
    ['a method taken off the table by destructuring', { 'lib/redis.js': `${CLIENT}module.exports = { keys: promisify(client.keys).bind(client) };`, 'routes.js': "const { keys } = require('./lib/redis');\nkeys('group:*');" }],
    ['an exports property', { 'lib/redis.js': `${CLIENT}exports.keysAsync = client.keys.bind(client);`, 'routes.js': "const lib = require('./lib/redis');\nlib.keysAsync('group:*');" }],
  ])('reads the command at the call: %s', (_label, files) => {
    expect(keysLinesInRoutes(files)).toEqual([2]);
  });

  it.each([
    ['a table of its own over a Map', { 'lib/cache.js': 'const seen = new Map();\nmodule.exports = { keys: () => [...seen.keys()] };', 'routes.js': "const cache = require('./lib/cache');\ncache.keys();" }],
    ['an object of this file that binds nothing', { 'lib/redis.js': `${CLIENT}module.exports = { keys: promisify(client.keys).bind(client) };`, 'routes.js': "const cache = { keys: () => [] };\ncache.keys('group:*');" }],
  ])('stays silent on a table that is no client: %s', (_label, files) => {
    expect(keysLinesInRoutes(files)).toEqual([]);
  });
});
