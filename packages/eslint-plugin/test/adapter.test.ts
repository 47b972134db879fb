import type { RuleDefinition } from '@redis-lint/analyzer';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { eslintRule } from '../src/engine-rule.js';
import { code } from './code.js';

const seenModels: Array<[string, object]> = [];

/** An engine rule made for this test: it reports every GET and offers a fix, so the fix wiring is tested without a fixable core rule. */
function getToGetex(id: string): RuleDefinition {
  return {
    id,
    meta: {
      description: 'Test rule.',
      recommended: false,
      strict: false,
      messages: { plainGet: 'GET of {{key}}.', useGetex: 'Use GETEX.' },
      schema: { type: 'object', properties: { fixable: { type: 'boolean', description: 'Offer the fix.' } }, additionalProperties: false },
      defaultOptions: { fixable: true },
      fixable: true,
      hasSuggestions: true,
    },
    create(context) {
      seenModels.push([id, context.model]);
      return {
        onRedisCall(call) {
          const callee = call.node.expression;
          if (call.command !== 'GET' || !ts.isPropertyAccessExpression(callee)) return;
          const edit = { start: callee.name.getStart(context.sourceFile), end: callee.name.getEnd(), text: 'getex' };
          context.report({
            node: call.node,
            messageId: 'plainGet',
            data: { key: call.node.arguments[0]?.getText(context.sourceFile) ?? '?' },
            fix: context.options.fixable ? [edit] : undefined,
            suggest: [{ messageId: 'useGetex', edits: [edit] }],
          });
        },
      };
    },
  } as RuleDefinition;
}

const plugin = { rules: { first: eslintRule(getToGetex('test-first')), second: eslintRule(getToGetex('test-second')) } };
const source = code("import Redis from 'ioredis';", 'const redis = new Redis();', "export const read = () => redis.get('a');");

function lintWith(rules: Linter.RulesRecord, text = source, parser: Linter.Parser | undefined = tsParser as Linter.Parser, fileName = 'src/file.ts') {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [{ files: ['**/*.ts', '**/*.cjs'], plugins: { test: plugin as never }, rules, ...(parser ? { languageOptions: { parser } } : {}) }];
  return { linter, config, messages: linter.verify(text, config, fileName) };
}

describe('the adapter', () => {
  it('maps offsets to locations and edits to a fix', () => {
    const { linter, config, messages } = lintWith({ 'test/first': 'error' });
    const get = source.indexOf('get(');
    expect(get).toBe(88);
    expect(messages).toEqual([
      {
        ruleId: 'test/first',
        severity: 2,
        message: "GET of 'a'.",
        messageId: 'plainGet',
        line: 3,
        column: 27,
        endLine: 3,
        endColumn: 41,
        fix: { range: [get, get + 3], text: 'getex' },
        suggestions: [{ messageId: 'useGetex', desc: 'Use GETEX.', fix: { range: [get, get + 3], text: 'getex' } }],
      },
    ]);
    expect(linter.verifyAndFix(source, config, 'src/file.ts').output).toBe(source.replace('redis.get(', 'redis.getex('));
  });

  it('passes each rule its own options', () => {
    const { messages } = lintWith({ 'test/first': ['error', { fixable: false }], 'test/second': 'warn' });
    expect(messages.map((message) => [message.ruleId, message.severity, message.fix?.text])).toEqual([
      ['test/first', 2, undefined],
      ['test/second', 1, 'getex'],
    ]);
  });

  it('runs detection once per file for every enabled rule', () => {
    seenModels.length = 0;
    lintWith({ 'test/first': 'error', 'test/second': 'error' });
    expect(seenModels.map(([id]) => id).sort()).toEqual(['test-first', 'test-second']);
    expect(seenModels[0]![1]).toBe(seenModels[1]![1]);
  });

  it('parses the text itself under espree (no parser services)', () => {
    const javascript = code("const Redis = require('ioredis');", 'const redis = new Redis();', "module.exports = () => redis.get('a');");
    const messages = lintWith({ 'test/first': 'error' }, javascript, undefined, 'src/file.cjs').messages;
    expect(messages.map((m) => [m.ruleId, m.message, m.line, m.column, m.endColumn])).toEqual([['test/first', "GET of 'a'.", 3, 24, 38]]);
  });

  it('never throws: an engine crash becomes a warning and no findings', async () => {
    const crashing = { ...getToGetex('test-crash'), create: () => ({ onRedisCall: () => { throw new Error('boom'); } }) } as RuleDefinition;
    const linter = new Linter({ configType: 'flat' });
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const config: Linter.Config = { files: ['**/*.ts'], plugins: { test: { rules: { crash: eslintRule(crashing) } } as never }, rules: { 'test/crash': 'error' }, languageOptions: { parser: tsParser as Linter.Parser } };
      expect(linter.verify(source, [config], 'src/file.ts')).toEqual([]);
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(warnings).toEqual(['redis-lint could not analyze src/file.ts: boom']);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
