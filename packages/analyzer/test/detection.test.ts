import { describe, expect, it } from 'vitest';
import { analyzeSourceFile, analyzeText, buildFileModel, parseFile, resolveConfig, rules } from '@redis-lint/analyzer';
import { inMemoryProgram } from './typed-program.js';

const KEYS_ONLY = { rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'no-keys-command' ? 'error' : 'off'])) } as const;

function keysLines(code: string, fileName = 'app.ts'): number[] {
  return analyzeText(fileName, code, KEYS_ONLY).map((finding) => code.slice(0, finding.start).split('\n').length);
}

describe('client detection (untyped)', () => {
  it.each([
    ["import Redis from 'ioredis';\nconst r = new Redis();\nr.keys('*');", 'ioredis default import'],
    ["import { Redis } from 'ioredis';\nconst r = new Redis();\nr.keys('*');", 'ioredis named import'],
    ["import IORedis from 'ioredis';\nconst r = new IORedis.Cluster([]);\nr.keys('*');", 'ioredis Cluster member'],
    ["const Redis = require('ioredis');\nconst r = new Redis();\nr.keys('*');", 'ioredis require'],
    ["const { createClient } = require('redis');\nconst c = createClient();\nc.KEYS('*');", 'node-redis require, UPPERCASE method'],
    ["import * as redis from 'redis';\nconst c = await redis.createClient().connect();\nc.keys('*');", 'node-redis namespace, connect()'],
    ["import { createClient } from '@redis/client';\nconst c = createClient();\nconst d = c.duplicate();\nd.keys('*');", 'duplicate()'],
    ["import { Redis } from '@upstash/redis';\nconst r = Redis.fromEnv();\nr.keys('*');", 'Upstash fromEnv'],
    ["import Redis from 'ioredis';\nfunction make() { return new Redis(); }\nconst r = make();\nr.keys('*');", 'factory function'],
    ["import Redis from 'ioredis';\nclass Repo {\n  constructor(private readonly redis: Redis) {}\n  all() {\n    return this.redis.keys('*');\n  }\n}", 'constructor parameter typed Redis'],
    ["import { createClient, type RedisClientType } from 'redis';\nlet client: RedisClientType | undefined;\nexport function get() { client ??= createClient(); return client; }\nexport const all = () => client!.keys('*');", 'memoized binding'],
    ["import Redis from 'ioredis';\nconst r = new Redis();\nr.pipeline().get('a').keys('*').exec();", 'pipeline chain'],
    ["import Redis from 'ioredis';\nconst r = new Redis();\nr.pipeline([['get', 'a'], ['keys', '*']]).exec();", 'pipeline array form'],
    ["import { createClient } from 'redis';\nconst c = createClient();\nc.sendCommand(['KEYS', '*']);", 'sendCommand'],
    ["const redis = require('redis');\nconst c = redis.createClient();\nconst keys = c.keys.bind(c);\nkeys('*');", 'a method bound to its client'],
    ["const { promisify } = require('util');\nconst redis = require('redis');\nconst c = redis.createClient();\nconst keysAsync = promisify(c.keys).bind(c);\nkeysAsync('*');", 'promisify(method).bind(client)'],
    ["const util = require('util');\nconst redis = require('redis');\nconst c = redis.createClient();\nconst keysAsync = util.promisify(c.keys.bind(c));\nkeysAsync('*');", 'util.promisify(method.bind(client))'],
  ])('finds KEYS through %#: %s', (code, _label) => {
    expect(keysLines(code).length).toBe(1);
  });

  it.each([
    ['const sessions = new Map();\nconst all = [...sessions.keys()];', 'Map#keys'],
    ['const o = { a: 1 };\nObject.keys(o);', 'Object.keys'],
    ["const params = new URLSearchParams('a=1');\nparams.keys();", 'URLSearchParams#keys'],
    ['class Cache { keys() { return []; } }\nconst cache = new Cache();\ncache.keys();', 'a class of its own'],
    ["import Redis from 'ioredis';\nconst redis = new Map();\nredis.keys();", 'a Map named redis shadowing nothing'],
    ["import Redis from 'ioredis';\nfunction f(redis: Map<string, string>) { return redis.keys(); }", 'a parameter named redis typed Map'],
    ["import Redis from 'ioredis';\nconst r = new Redis();\nr.scanStream({ match: '*' });", 'scanStream'],
    ["import Redis from 'ioredis';\nexport function f(client: any) { return client.keys('*'); }", 'an untyped parameter'],
    ["const sessions = new Map();\nconst keys = sessions.keys.bind(sessions);\nkeys();", 'a Map method bound to its Map'],
    ["const redis = require('redis');\nconst c = redis.createClient();\nlet keys = c.keys.bind(c);\nkeys = () => [];\nkeys('*');", 'a reassignable binding'],
  ])('never reports %#: %s', (code, _label) => {
    expect(keysLines(code)).toEqual([]);
  });
});

describe('typed mode', () => {
  it('follows an imported client to its construction in another file, without node_modules', () => {
    const program = inMemoryProgram({
      'redis.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\n",
      'app.ts': "import { redis } from './redis.js';\nexport const all = () => redis.keys('*');\n",
    });
    const sourceFile = program.getSourceFile('/app.ts')!;
    const config = resolveConfig(rules, KEYS_ONLY);
    expect(analyzeSourceFile(sourceFile, { config, program }).map((finding) => finding.ruleId)).toEqual(['no-keys-command']);
    expect(analyzeSourceFile(parseFile('/app.ts', sourceFile.text), { config })).toEqual([]);
  });

  it('takes a client the project gives by its accessor when the module is out of sight: getCluster() in a file that imports a client package, getRedis().duplicate()', () => {
    const ruleLines = (files: Record<string, string>, ruleId: string): number[] => {
      const program = inMemoryProgram(files);
      const sourceFile = program.getSourceFile('/app.ts')!;
      const config = resolveConfig(rules, { rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === ruleId ? 'error' : 'off'])) });
      return analyzeSourceFile(sourceFile, { config, program }).map((finding) => sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1);
    };
    const cluster = "import { getCluster } from './utils/index.js';\nconst cluster = getCluster();\nexport const drop = (keys: string[]) =>\n  cluster.del(keys);\n";
    expect(ruleLines({ 'app.ts': `import type { Cluster } from 'ioredis';\n${cluster}` }, 'no-crossslot')).toEqual([5]);
    // Without a client package in the file, `getCluster()` may be anything (node:cluster, a job cluster).
    expect(ruleLines({ 'app.ts': cluster }, 'no-crossslot')).toEqual([]);
    const perLoop = "import { getRedis } from './redis.js';\nexport async function watch(channels: string[]) {\n  for (const channel of channels) {\n    const sub = getRedis().duplicate();\n    await sub.subscribe(channel);\n  }\n}\n";
    expect(ruleLines({ 'app.ts': perLoop }, 'no-per-request-client')).toEqual([4]);
    expect(ruleLines({ 'app.ts': perLoop.replace(/getRedis\(\)/, 'getEmitter()').replace('{ getRedis }', '{ getEmitter }') }, 'no-per-request-client')).toEqual([]);
    // An accessor named for its role (`getPubSubRedis()`, `getCacheRedis()`), in a module no file in sight imports.
    const role = "import { getPubSubRedis } from './redis.js';\nexport async function activeSubscriptions(projectId: string) {\n  return getPubSubRedis().hgetall(`subs:${projectId}:active`);\n}\n";
    expect(ruleLines({ 'app.ts': role }, 'no-unbounded-reads')).toEqual([3]);
    expect(ruleLines({ 'app.ts': role.replaceAll('getPubSubRedis', 'getPubSubRedisKeys') }, 'no-unbounded-reads')).toEqual([]);
  });

  it('follows imported key builders across files', () => {
    const program = inMemoryProgram({
      'keys.ts': 'export const userKey = (id: string) => `user:${id}`;\n',
      'app.ts': "import { Cluster } from 'ioredis';\nimport { userKey } from './keys.js';\nconst cluster = new Cluster([]);\nexport const read = (a: string, b: string) => cluster.mget(userKey(a), userKey(b));\n",
    });
    const model = buildFileModel(program.getSourceFile('/app.ts')!, program.getTypeChecker());
    const mget = model.calls.find((call) => call.command === 'MGET')!;
    expect(mget.keys.map((key) => key.display)).toEqual(['user:${a}', 'user:${b}']);
  });
});

describe('file models of one SourceFile', () => {
  it('share its walk, not their hot paths: a mark on one model leaves the other as it was', () => {
    const program = inMemoryProgram({
      'app.ts': "import Redis from 'ioredis';\nconst r = new Redis();\nexport async function load(id: string) {\n  return r.get(`user:${id}`);\n}\n",
    });
    const sourceFile = program.getSourceFile('/app.ts')!;
    const first = buildFileModel(sourceFile, program.getTypeChecker());
    const second = buildFileModel(sourceFile, program.getTypeChecker());
    const load = first.calls[0]!.context.fn!;
    expect(first.markHot(load, { kind: 'called-from-handler', label: 'load(), called from a handler elsewhere' })).toBe(true);
    expect(first.calls[0]!.context.hotPath?.label).toBe('load(), called from a handler elsewhere');
    expect(second.calls[0]!.node).toBe(first.calls[0]!.node);
    expect([second.hotPathOf(load), second.calls[0]!.context.hotPath]).toEqual([undefined, undefined]);
  });
});

describe('key model', () => {
  const keysOf = (code: string): string[] => {
    const model = buildFileModel(parseFile('k.ts', `import Redis from 'ioredis';\nconst r = new Redis();\n${code}`), undefined);
    return model.calls.flatMap((call) => call.keys.map((key) => key.display));
  };

  it('reads literals, templates, concatenation, constants, builders and joins', () => {
    expect(keysOf("const P = 'app:';\nconst k = (id: string) => `${P}user:${id}`;\nr.mget('a', `b:${x}`, 'c:' + y, k(z), ['d', w].join(':'));")).toEqual([
      'a',
      'b:${x}',
      'c:${y}',
      'app:user:${z}',
      'd:${w}',
    ]);
  });

  it('takes key positions from the command table', () => {
    expect(keysOf("r.eval('return 1', 2, 'k1', 'k2', 'arg');\nr.zunionstore('dest', 2, 'a', 'b');\nr.set('s', 'v', 'EX', 60);")).toEqual(['k1', 'k2', 'dest', 'a', 'b', 's']);
  });
});

describe('whole-project analysis', () => {
  it('follows hot paths from a route handler into a repository function in another file', async () => {
    const { analyzeProject } = await import('@redis-lint/analyzer');
    const program = inMemoryProgram({
      'repo.ts': "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1000 });\nexport async function loadUser(id: string) {\n  return redis.hgetall(`user:${id}:sessions`);\n}\n",
      'routes.ts':
        "import express from 'express';\nimport { loadUser } from './repo.js';\nconst app = express();\napp.get('/users/:id', async (req: any, res: any) => {\n  res.json(await loadUser(req.params.id));\n});\n",
    });
    const files = ['/repo.ts', '/routes.ts'].map((name) => program.getSourceFile(name)!);
    const config = resolveConfig(rules, { rules: { 'no-unbounded-reads': 'error' } }, 'none');
    const results = analyzeProject(files, { config, program });
    expect(results.get('/repo.ts')!.map((finding) => finding.message)).toEqual([
      'HGETALL in loadUser(), called from the Express handler for GET /users/:id, returns the whole collection in one reply and blocks Redis for as long as it takes to build; read it incrementally with hscanStream() or keep the collection small.',
    ]);
    expect(analyzeSourceFile(files[0]!, { config, program }).map((finding) => finding.ruleId)).toEqual(['no-unbounded-reads']);
    expect(analyzeSourceFile(parseFile('/repo.ts', files[0]!.text), { config })).toEqual([]);
  });
});
