import { describe, expect, it } from 'vitest';
import { analyzeSourceFile, resolveConfig, rules } from '@redis-lint/analyzer';
import { inMemoryProgram } from './typed-program.js';

const ALL = resolveConfig(rules, { rules: Object.fromEntries(rules.map((rule) => [rule.id, 'error'])) });

/** `rule` findings per file, as `file:line COMMAND-or-rule`, for every file of a program with no `node_modules`. */
function findings(files: Record<string, string>, ruleId: string): string[] {
  const program = inMemoryProgram(files);
  return Object.keys(files).flatMap((name) => {
    const sourceFile = program.getSourceFile(`/${name}`)!;
    return analyzeSourceFile(sourceFile, { config: ALL, program })
      .filter((finding) => finding.ruleId === ruleId)
      .map((finding) => `${name}:${sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1}`);
  });
}

const CLIENT = "const Redis = require('ioredis');\nconst client = new Redis({ commandTimeout: 1000 });\nclient.on('error', () => {});\n";

describe("another module's helpers, read at their calls", () => {
  it('terminates when two modules call each other’s helpers, and reads each call', () => {
    const files = {
      'rooms.js': `${CLIENT}const users = require('./users');\nmodule.exports = { members: (key) => client.smembers(key), owner: (room) => users.profile(\`user:\${room}:owner\`) };\n`,
      'users.js': `${CLIENT}const rooms = require('./rooms');\nmodule.exports = { profile: (key) => client.hgetall(key), friends: (id) => rooms.members(\`user:\${id}:friends\`) };\n`,
      'app.js': "const express = require('express');\nconst users = require('./users');\nconst app = express();\napp.get('/:id', async (req, res) => res.json(await users.friends(req.params.id)));\n",
    };
    // The SMEMBERS is read in users.js, at `rooms.members(…)`, with its key; the route makes `friends` hot.
    expect(findings(files, 'no-unbounded-reads')).toEqual(['users.js:5']);
  });

  it('reads the methods of an instance a module exports (`module.exports = new RoomStore()`)', () => {
    const files = {
      'store.js': `${CLIENT}class RoomStore {\n  members(room) {\n    return client.smembers(\`room:\${room}:members\`);\n  }\n}\nmodule.exports = new RoomStore();\n`,
      'app.js': "const express = require('express');\nconst rooms = require('./store');\nconst app = express();\napp.get('/:id', async (req, res) => res.json(await rooms.members(req.params.id)));\n",
    };
    expect(findings(files, 'no-unbounded-reads')).toEqual(['store.js:6']);
  });
});
