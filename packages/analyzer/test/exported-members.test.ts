import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyzeSourceFile, resolveConfig, rules } from '@redis-lint/analyzer';
import { createCheckerFinder, createLexicalFinder } from '../src/detect/scope.js';
import { inMemoryProgram } from './typed-program.js';

const KEYS_ONLY = resolveConfig(rules, { rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.id === 'no-keys-command' ? 'error' : 'off'])) });

/** The KEYS findings in `app.js` of a JavaScript program with no node_modules, and the members the checker was asked the symbol of. */
function keysFindingsAsking(files: Record<string, string>) {
  const program = inMemoryProgram(files);
  const checker = program.getTypeChecker();
  const asked: string[] = [];
  const spy = Object.create(checker) as ts.TypeChecker;
  spy.getSymbolAtLocation = (node) => {
    if (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) asked.push(node.parent.getText());
    return checker.getSymbolAtLocation(node);
  };
  const spied = Object.create(program) as ts.Program;
  spied.getTypeChecker = () => spy;
  const sourceFile = program.getSourceFile('/app.js')!;
  const lines = analyzeSourceFile(sourceFile, { config: KEYS_ONLY, program: spied }).map((finding) => sourceFile.getLineAndCharacterOfPosition(finding.start).line + 1);
  return { lines, asked };
}

describe('members another module exports', () => {
  const redisModule = "const Redis = require('ioredis');\nmodule.exports = { client: new Redis() };";

  it('finds the client a required module exports as a member', () => {
    const { lines, asked } = keysFindingsAsking({ 'redis.js': redisModule, 'app.js': "const lib = require('./redis');\nexports.all = () => lib.client.keys('user:*');" });
    expect(lines).toEqual([2]);
    expect(asked).toContain('lib.client');
  });

  it('does not ask the checker about members of values made at run time', () => {
    const app = [
      "const lib = require('./redis');",
      "exports.handle = (msg) => msg.store.keys('*');",
      "exports.later = async (load) => { const page = await load(); return page.cache.keys('*'); };",
      "exports.each = (rows) => { for (const row of rows) row.cache.keys('*'); };",
      "exports.unpack = ({ deps: [first] }) => first.cache.keys('*');",
      "exports.all = () => lib.client.keys('*');",
    ].join('\n');
    const program = inMemoryProgram({ 'redis.js': redisModule, 'app.js': app });
    const checker = program.getTypeChecker();
    const asked: string[] = [];
    const spy = Object.create(checker) as ts.TypeChecker;
    spy.getSymbolAtLocation = (node) => {
      asked.push(node.parent.getText());
      return checker.getSymbolAtLocation(node);
    };
    const finder = createCheckerFinder(spy, createLexicalFinder());
    const receivers: ts.PropertyAccessExpression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'keys' && ts.isPropertyAccessExpression(node.expression)) receivers.push(node.expression);
      ts.forEachChild(node, visit);
    };
    visit(program.getSourceFile('/app.js')!);
    const values = receivers.map((receiver) => [receiver.getText(), finder.exportedValue!(receiver)?.getText()]);
    expect(values).toEqual([
      ['msg.store', undefined],
      ['page.cache', undefined],
      ['row.cache', undefined],
      ['first.cache', undefined],
      ['lib.client', 'new Redis()'],
    ]);
    expect(asked).toEqual(['lib.client']);
  });
});
