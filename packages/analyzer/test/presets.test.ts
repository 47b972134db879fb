import { describe, expect, it } from 'vitest';
import { ConfigError, presetRules, resolveConfig, rules } from '@redis-lint/analyzer';

const onRules = (config: Parameters<typeof resolveConfig>[1], base?: Parameters<typeof resolveConfig>[2]): string[] => resolveConfig(rules, config, base).rules.map((resolved) => `${resolved.rule.id}:${resolved.severity}`);
const atError = (ids: string[]): string[] => ids.map((id) => `${id}:error`);
const ids = (levels: Record<string, string>): string[] => Object.keys(levels);

describe('presets', () => {
  it('nest: recommended in strict in all, which holds every rule', () => {
    const [recommended, strict, all] = (['recommended', 'strict', 'all'] as const).map((name) => ids(presetRules(rules, name)));
    expect(recommended!.filter((id) => !strict!.includes(id))).toEqual([]);
    expect(strict!.filter((id) => !all!.includes(id))).toEqual([]);
    expect(all).toEqual(rules.map((rule) => rule.id));
    expect([recommended!.length, strict!.length]).toEqual([7, 17]);
  });
});

describe('resolveConfig with extends', () => {
  it('turns on at error the rules of the presets extended, whatever the base', () => {
    expect(onRules({ extends: 'strict' }, 'none')).toEqual(atError(ids(presetRules(rules, 'strict'))));
    expect(onRules({ extends: ['recommended', 'all'] })).toEqual(atError(rules.map((rule) => rule.id)));
    expect(onRules({ extends: [] }, 'all')).toEqual([]);
  });

  it('falls back to the base without extends: recommended unless the host says otherwise', () => {
    expect(onRules({})).toEqual(atError(ids(presetRules(rules, 'recommended'))));
    expect(onRules({}, 'none')).toEqual([]);
  });

  it('applies rules over the presets', () => {
    expect(onRules({ extends: 'recommended', rules: { 'no-keys-command': 'off', '@redis-lint/require-ttl': 'warn', 'no-flush': 'error' } })).toEqual([
      'no-crossslot:error',
      'no-flush:error',
      'no-hardcoded-credentials:error',
      'no-per-request-client:error',
      'no-unbounded-reads:error',
      'require-timeouts:error',
      'require-ttl:warn',
    ]);
  });

  it('names an unknown preset', () => {
    expect(() => resolveConfig(rules, { extends: ['strict', 'cluster' as never] })).toThrow(new ConfigError('Unknown preset "cluster" in "extends". Known presets: recommended, strict, all.'));
  });
});
