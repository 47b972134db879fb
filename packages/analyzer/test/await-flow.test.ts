import { describe, expect, it } from 'vitest';
import { buildFileModel, parseFile } from '@redis-lint/analyzer';

/** The await flow of every Redis call of `code`, by command, in source order. */
function flows(code: string): Array<{ command: string; awaited: boolean; loop: string | undefined; steered: boolean; otherWork: boolean; usesAwaitedValue: boolean }> {
  const model = buildFileModel(parseFile('app.ts', code), undefined);
  return model.calls.map((call) => {
    const flow = model.awaitFlowOf(call);
    return {
      command: call.command,
      awaited: flow.awaited,
      loop: flow.loop?.kind,
      steered: flow.loop?.steeredByAwait ?? false,
      otherWork: flow.loop?.awaitsOtherWork ?? false,
      usesAwaitedValue: flow.usesAwaitedValue,
    };
  });
}

const HEADER = "import Redis from 'ioredis';\nconst redis = new Redis();\n";

describe('await flow (detection)', () => {
  it('sees an independent awaited command in a for…of body', () => {
    expect(flows(`${HEADER}export async function f(ids: string[]) {\n  for (const id of ids) {\n    const v = await redis.get('u:' + id);\n    console.log(v);\n  }\n}`)).toEqual([
      { command: 'GET', awaited: true, loop: 'for-of', steered: false, otherWork: false, usesAwaitedValue: false },
    ]);
  });

  it('marks a command that reads an earlier reply of the loop, and a loop steered by its cursor', () => {
    const code = `${HEADER}export async function f() {\n  let cursor = '0';\n  do {\n    const [next] = await redis.scan(cursor);\n    cursor = next;\n  } while (cursor !== '0');\n}`;
    expect(flows(code)).toEqual([{ command: 'SCAN', awaited: true, loop: 'do', steered: true, otherWork: false, usesAwaitedValue: true }]);
  });

  it('marks a loop left on a reply and a loop that also awaits other work', () => {
    const code = `${HEADER}const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));\nexport async function f(keys: string[]) {\n  for (const k of keys) {\n    if (await redis.exists(k)) return k;\n  }\n  for (const k of keys) {\n    await redis.del(k);\n    await sleep(10);\n  }\n}`;
    expect(flows(code).map((flow) => [flow.command, flow.steered, flow.otherWork])).toEqual([
      ['EXISTS', true, false],
      ['DEL', false, true],
    ]);
  });

  it('treats forEach(async …) as a loop and map(async …) as none', () => {
    const code = `${HEADER}export function f(ids: string[]) {\n  ids.forEach(async (id) => { await redis.del(id); });\n  return Promise.all(ids.map(async (id) => redis.get(id)));\n}`;
    expect(flows(code).map((flow) => [flow.command, flow.awaited, flow.loop])).toEqual([
      ['DEL', true, 'forEach'],
      ['GET', false, undefined],
    ]);
  });

  it('sees a command guarded by an earlier reply as dependent', () => {
    const code = `${HEADER}export async function f(ids: string[]) {\n  for (const id of ids) {\n    const owner = await redis.get('o:' + id);\n    if (owner === 'me') await redis.del('o:' + id);\n  }\n}`;
    expect(flows(code).map((flow) => [flow.command, flow.usesAwaitedValue])).toEqual([
      ['GET', false],
      ['DEL', true],
    ]);
  });
});

describe('receivers bound per turn (detection)', () => {
  it('tells a loop over connections from a loop over keys', () => {
    const code = `${HEADER}export async function f(shards: Redis[], ids: string[]) {\n  shards.forEach(async (shard: Redis) => { await shard.ping(); });\n  for (const id of ids) await redis.get(id);\n}`;
    const model = buildFileModel(parseFile('app.ts', code), undefined);
    const fromType = model.calls.map((call) => [call.command, model.awaitFlowOf(call).receiverVariesPerTurn]);
    expect(fromType).toEqual([
      ['PING', true],
      ['GET', false],
    ]);
  });
});

describe('error listeners (detection)', () => {
  it('ties listeners to the clients they are attached to: directly, through a chain, a loop over a list, and a field', () => {
    const code = [
      "import Redis from 'ioredis';",
      "import { createClient } from 'redis';",
      'const a = new Redis();',
      "a.on('error', console.error);",
      "const b = createClient().on('error', console.error);",
      'const c = new Redis();',
      'const d = new Redis();',
      "for (const x of [c, d]) x.once('error', console.error);",
      'class Store {',
      '  private client: Redis;',
      '  constructor(cluster: boolean) {',
      '    if (cluster) this.client = new Redis.Cluster([]);',
      '    else this.client = new Redis();',
      "    this.client.on('error', console.error);",
      '  }',
      '}',
      'const e = new Redis();',
      "e.on('end', console.error);",
    ].join('\n');
    const model = buildFileModel(parseFile('app.ts', code), undefined);
    const listened = new Set(model.errorListeners.map((listener) => listener.client.site));
    const line = (node: { getStart(): number }) => code.slice(0, node.getStart()).split('\n').length;
    expect(model.clients.map((site) => [line(site.node), listened.has(site)])).toEqual([
      [3, true],
      [5, true],
      [6, true],
      [7, true],
      [12, true],
      [13, true],
      [17, false],
    ]);
  });
});
