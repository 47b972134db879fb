import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyzeSourceFile, buildFileModel, resolveConfig, rules } from '@redis-lint/analyzer';
import { wantedCommands } from '../src/engine/wanted-commands.js';

const only = (id: string) => resolveConfig(rules, { rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === id ? 'error' : 'off'])) });
const KEYS_ONLY = only('no-keys-command');
const LISTENERS_ONLY = only('require-error-listener');
/** In-memory files inside the repository, so `ioredis` resolves to the installed package; not under `test/`, which would make them test files. */
const ROOT = fileURLToPath(new URL('../virtual-project/', import.meta.url));

/** A program over in-memory sources that import the installed client packages. */
function programWith(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, types: [] };
  const own = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = own.get(fileName);
    return text === undefined ? getSourceFile(fileName, languageVersion, ...rest) : ts.createSourceFile(fileName, text, languageVersion);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => own.has(fileName) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => own.get(fileName) ?? readFile(fileName);
  return ts.createProgram([...own.keys()], options, host);
}

/** The checker of a program over `app.ts`, and the text of every node it is asked the type at. */
function spiedChecker(code: string): { sourceFile: ts.SourceFile; spy: ts.TypeChecker; asked: string[] } {
  const program = programWith({ 'app.ts': code });
  const checker = program.getTypeChecker();
  const asked: string[] = [];
  const spy = Object.create(checker) as ts.TypeChecker;
  spy.getTypeAtLocation = (node) => {
    asked.push(node.getText());
    return checker.getTypeAtLocation(node);
  };
  return { sourceFile: program.getSourceFile(path.join(ROOT, 'app.ts'))!, spy, asked };
}

function findingLines(code: string, config = KEYS_ONLY): number[] {
  const program = programWith({ 'app.ts': code });
  const sourceFile = program.getSourceFile(path.join(ROOT, 'app.ts'))!;
  return analyzeSourceFile(sourceFile, { config, program }).map((finding) => sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1);
}

describe('typed receivers (the checker is asked only where a client can be)', () => {
  it.each([
    ['a property declared with a client type', "import { Redis } from 'ioredis';\nexport function f(deps: { redis: Redis }) {\n  return deps.redis.keys('*');\n}", [3]],
    ['a call whose signature returns a client', "import { Redis } from 'ioredis';\ndeclare function make(): Redis;\nexport const all = () =>\n  make().keys('*');", [4]],
    ['a generic call that returns its argument', "import { Redis } from 'ioredis';\nfunction same<T>(value: T): T {\n  return value;\n}\nexport const all = (r: Redis) =>\n  same(r).keys('*');", [6]],
    ['unknown narrowed by instanceof', "import { Redis } from 'ioredis';\nexport function f(x: unknown) {\n  if (x instanceof Redis)\n    return x.keys('*');\n}", [4]],
    ['a declared emitter narrowed by instanceof', "import { EventEmitter } from 'node:events';\nimport { Redis } from 'ioredis';\nexport function f(x: EventEmitter) {\n  if (x instanceof Redis)\n    return x.keys('*');\n}", [5]],
    ['a type guard', "import { Redis } from 'ioredis';\nfunction isRedis(value: object): value is Redis {\n  return value instanceof Redis;\n}\nexport function f(x: object) {\n  if (isRedis(x))\n    return x.keys('*');\n}", [7]],
    ['an assertion function', "import { Redis } from 'ioredis';\nfunction assertRedis(value: object): asserts value is Redis {}\nexport function f(x: object) {\n  assertRedis(x);\n  return x.keys('*');\n}", [5]],
    ['this narrowed by instanceof', "import { Redis } from 'ioredis';\nexport class Store extends Map<string, string> {\n  all() {\n    if (this instanceof Redis)\n      return this.keys('*');\n  }\n}", [5]],
    ['a union with a client', "import { Redis } from 'ioredis';\nclass Holder {\n  constructor(readonly client: Redis | Map<string, string>) {}\n  all() {\n    return this.client.keys('*');\n  }\n}\nexport { Holder };", [5]],
  ])('finds KEYS on %s', (_label, code, lines) => {
    expect(findingLines(code)).toEqual(lines);
  });

  it.each([
    ['a Map from new Map()', "import { Redis } from 'ioredis';\nexport const r = new Redis();\nconst seen = new Map<string, number>();\nexport const all = () => [...seen.keys()];"],
    ['a call declared to return a Map', "import { Redis } from 'ioredis';\nexport const r = new Redis();\ndeclare function make(): Map<string, string>;\nexport const all = () => make().keys();"],
    ['a parameter declared URLSearchParams', "import { Redis } from 'ioredis';\nexport const r = new Redis();\nexport function f(params: URLSearchParams) {\n  return params.keys();\n}"],
    ['this in a class of its own', "import { Redis } from 'ioredis';\nexport const r = new Redis();\nexport class Store extends Map<string, string> {\n  all() {\n    return [...this.keys()];\n  }\n}"],
  ])('stays silent on %s', (_label, code) => {
    expect(findingLines(code)).toEqual([]);
  });

  it('counts an error listener on a parameter known by its type alone, not on other values known so', () => {
    const helper = "import { Redis } from 'ioredis';\ntype Connection = Redis;\nexport function watch(client: Connection) {\n  client.on('error', console.error);\n}\nconst r = new Redis();\nexport const get = () => r.get('a');";
    expect(findingLines(helper, LISTENERS_ONLY)).toEqual([]);
    const other = "import { Redis } from 'ioredis';\ndeclare function make(): Redis;\nconst shared = make();\nshared.on('error', console.error);\nconst r = new Redis();\nexport const get = () => [r.get('a'), shared.get('b')];";
    expect(findingLines(other, LISTENERS_ONLY)).toEqual([5]);
  });

  it('asks nothing about the receiver of a command no enabled rule reads', () => {
    const code = [
      "import { Redis } from 'ioredis';",
      'export const r = new Redis();',
      'export function touch(items: Array<{ save(): void; keys(): string[] }>) {',
      '  items.forEach((item) => item.save());',
      '  items.forEach((entry) => entry.keys());',
      '}',
    ].join('\n');
    const receiversAsked = (config: ReturnType<typeof only>): string[] => {
      const { sourceFile, spy, asked } = spiedChecker(code);
      expect(buildFileModel(sourceFile, spy, true, wantedCommands(config.rules)).calls).toEqual([]);
      return asked.filter((text) => text === 'item' || text === 'entry');
    };
    // SAVE is read by no rule of no-keys-command alone; KEYS is. With every rule, both are asked about.
    expect(receiversAsked(KEYS_ONLY)).toEqual(['entry']);
    expect(receiversAsked(resolveConfig(rules, {}, 'all'))).toEqual(['item', 'entry']);
  });

  it('takes no call of a keyed command without anything that could be the key for a Redis call', () => {
    const code = [
      "import { Redis } from 'ioredis';",
      'export const r = new Redis();',
      'export function order(lists: number[][], users: Array<{ expire(): void }>) {',
      '  lists.forEach((items) => items.sort((a, b) => a - b));',
      '  users.forEach((user) => user.expire());',
      "  return r.sort('scores', () => undefined);",
      '}',
    ].join('\n');
    const { sourceFile, spy, asked } = spiedChecker(code);
    const calls = buildFileModel(sourceFile, spy, true).calls;
    expect(calls.map((call) => [call.command, call.node.getText()])).toEqual([['SORT', "r.sort('scores', () => undefined)"]]);
    expect(asked.filter((text) => text === 'items' || text === 'user')).toEqual([]);
  });

  it('settles calls and declared bindings without asking for the type at the receiver', () => {
    const code = [
      "import { Redis } from 'ioredis';",
      'export const r = new Redis();',
      'const seen = new Map(Object.entries({ a: 1 }).map(([key, value]) => [key, value * 2] as const));',
      'export function f(params: URLSearchParams) {',
      '  return [params.get("a"), seen.get("a"), new Map<string, string>().get("b")];',
      '}',
    ].join('\n');
    const { sourceFile, spy, asked } = spiedChecker(code);
    // Detection asks the checker when a rule first reads the model.
    expect(buildFileModel(sourceFile, spy, true).calls).toEqual([]);
    // The callees (`Map`) are asked for their signatures; the receivers never.
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((text) => ['params', 'seen', 'new Map<string, string>()'].includes(text))).toEqual([]);
  });
});
