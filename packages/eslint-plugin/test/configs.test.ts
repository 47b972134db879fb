import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin, { configs } from '@redis-lint/eslint-plugin';
import { rules as engineRules } from '@redis-lint/analyzer';
import { describe, expect, it } from 'vitest';

const ids = (filter: (rule: (typeof engineRules)[number]) => boolean): string[] => engineRules.filter(filter).map((rule) => `@redis-lint/${rule.id}`);

describe('configs', () => {
  it('recommended turns on exactly the rules the engine marks recommended', () => {
    expect(Object.keys(configs.recommended.rules ?? {}).sort()).toEqual(ids((rule) => rule.meta.recommended).sort());
    expect(new Set(Object.values(configs.recommended.rules ?? {}))).toEqual(new Set(['error']));
  });

  it('strict adds the strict rules, all has every rule', () => {
    expect(Object.keys(configs.strict.rules ?? {}).sort()).toEqual(ids((rule) => rule.meta.recommended || rule.meta.strict).sort());
    expect(Object.keys(configs.all.rules ?? {}).sort()).toEqual(ids(() => true).sort());
  });

  it('the seven core rules are recommended', () => {
    expect(Object.keys(configs.recommended.rules ?? {})).toEqual(
      expect.arrayContaining(['no-keys-command', 'no-unbounded-reads', 'require-ttl', 'no-crossslot', 'no-per-request-client', 'require-timeouts', 'no-hardcoded-credentials'].map((id) => `@redis-lint/${id}`)),
    );
  });

  it('cluster declares every client a cluster client and registers the plugin', () => {
    expect(configs.cluster).toEqual({ name: '@redis-lint/cluster', plugins: { '@redis-lint': plugin }, settings: { 'redis-lint': { cluster: true } } });
  });

  it('every config registers the plugin under its namespace', () => {
    for (const config of Object.values(configs)) expect(config.plugins?.['@redis-lint']).toBe(plugin);
    expect(plugin.meta).toEqual({ name: '@redis-lint/eslint-plugin', version: '0.1.0', namespace: '@redis-lint' });
  });

  it('has one ESLint rule per engine rule, with the engine metadata', () => {
    expect(Object.keys(plugin.rules)).toEqual(engineRules.map((rule) => rule.id));
    for (const definition of engineRules) {
      const rule = plugin.rules[definition.id]!;
      expect(rule.meta.docs?.url).toBe(`https://github.com/redis-lint/redis-lint/blob/main/docs/rules/${definition.id}.md`);
      expect(rule.meta.docs?.description).toBe(definition.meta.description);
      expect(rule.meta.messages).toBe(definition.meta.messages);
      expect(rule.meta.schema).toEqual([definition.meta.schema]);
      expect(rule.meta.defaultOptions).toEqual([definition.meta.defaultOptions]);
      expect(rule.meta.fixable).toBe(definition.meta.fixable ? 'code' : undefined);
      expect(rule.meta.hasSuggestions).toBe(definition.meta.hasSuggestions ? true : undefined);
    }
  });
});

describe('the cluster config in ESLint', () => {
  const source = ["import Redis from 'ioredis';", 'const redis = new Redis({ commandTimeout: 1000 });', "export const both = () => redis.mget('foo', 'bar');"].join('\n');
  const crossslot = (config: Linter.Config[]): string[] =>
    new Linter({ configType: 'flat' }).verify(source, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser } }, ...config], 'src/file.ts').filter((m) => m.ruleId === '@redis-lint/no-crossslot').map((m) => `${m.line}:${m.column}`);

  it('makes no-crossslot check clients it cannot tell are cluster clients', () => {
    expect(crossslot([configs.recommended as Linter.Config])).toEqual([]);
    expect(crossslot([configs.recommended as Linter.Config, configs.cluster as Linter.Config])).toEqual(['3:33']);
  });
});
