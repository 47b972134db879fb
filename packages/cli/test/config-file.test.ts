import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESET_NAMES, rules } from '@redis-lint/analyzer';
import { configSchema } from '../src/config-schema.js';
import { validateConfig } from '../src/config-file.js';
import { removeDir, runCli, tempProject } from './cli-process.js';

const SHIPPED_SCHEMA = new URL('../redis-lint.config.schema.json', import.meta.url);

describe('redis-lint.config.schema.json', () => {
  it('is exactly the schema generated from the rules (regenerate with `npm run schema -w packages/cli`)', () => {
    expect(fs.readFileSync(SHIPPED_SCHEMA, 'utf8')).toBe(`${JSON.stringify(configSchema(rules, PRESET_NAMES), null, 2)}\n`);
  });

  it('describes every rule option with the rule’s own schema, bare and with the @redis-lint/ prefix', () => {
    const schema = configSchema(rules, PRESET_NAMES) as { properties: { rules: { properties: Record<string, unknown> } }; definitions: Record<string, { oneOf: unknown[] }> };
    for (const rule of rules) {
      expect(schema.properties.rules.properties[rule.id]).toEqual({ $ref: `#/definitions/${rule.id}` });
      expect(schema.properties.rules.properties[`@redis-lint/${rule.id}`]).toEqual({ $ref: `#/definitions/${rule.id}` });
      expect(schema.definitions[rule.id]!.oneOf[1]).toMatchObject({ items: [expect.anything(), rule.meta.schema] });
    }
  });
});

describe('validateConfig', () => {
  it('accepts levels, [level, options], ESLint-style ids and cluster', () => {
    expect(validateConfig({ $schema: './x.json', rules: { 'no-keys-command': 'warn', '@redis-lint/no-keys-command': ['error', { ignoreTestFiles: true }] }, cluster: true })).toBeUndefined();
    expect(validateConfig({})).toBeUndefined();
  });

  it('accepts the example of docs/cli.md', () => {
    const doc = fs.readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
    const example = /```json\n(\{\n  "\$schema"[\s\S]*?)```/.exec(doc)![1]!;
    expect([JSON.parse(example).extends, validateConfig(JSON.parse(example))]).toEqual(['strict', undefined]);
  });

  it('accepts a preset or a list of presets in extends', () => {
    expect([validateConfig({ extends: 'all' }), validateConfig({ extends: ['recommended', 'strict'] }), validateConfig({ extends: [] })]).toEqual([undefined, undefined, undefined]);
  });

  it('names the bad key in one sentence', () => {
    expect(validateConfig({ rulez: {} })).toBe('unknown key "rulez" (expected one of: $schema, extends, rules, cluster).');
    expect(validateConfig({ extends: 'eslint:recommended' })).toBe('extends: expected one of "recommended", "strict", "all", got "eslint:recommended".');
    expect(validateConfig({ extends: ['strict', 'cluster'] })).toBe('extends[1]: expected one of "recommended", "strict", "all", got "cluster".');
    expect(validateConfig({ rules: { 'no-such-rule': 'error' } })).toBe(`unknown rule "no-such-rule" in rules (expected one of: ${rules.map((rule) => rule.id).sort().join(', ')}).`);
    expect(validateConfig({ rules: { 'no-keys-command': ['error', { ignoreTestFile: true }] } })).toBe(
      'unknown option "ignoreTestFile" in rules.no-keys-command[1] (expected one of: ignoreTestFiles).',
    );
    expect(validateConfig({ rules: { 'no-keys-command': 'warning' } })).toBe('rules.no-keys-command: expected "off", "warn", "error" or [level, { options }], got "warning".');
    expect(validateConfig({ rules: { 'no-keys-command': ['warning'] } })).toBe('rules.no-keys-command[0]: expected one of "off", "warn", "error", got "warning".');
    expect(validateConfig({ rules: { 'no-keys-command': ['error', { ignoreTestFiles: 'yes' }] } })).toBe('rules.no-keys-command[1].ignoreTestFiles: must be boolean, got "yes".');
    expect(validateConfig({ cluster: 'true' })).toBe('cluster: must be boolean, got "true".');
  });
});

describe('config files in the CLI', () => {
  let dir = '';
  afterEach(() => removeDir(dir));

  const keysCall = "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1000 });\nexport const all = () => redis.keys('*');\n";

  it('runs the recommended rules without a config file, and reads the nearest one', () => {
    dir = tempProject({ 'src/a.ts': keysCall });
    const without = runCli(['--format', 'json', '--no-type-check'], dir);
    expect(JSON.parse(without.stdout).files[0].findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['no-keys-command']);
    expect(without.status).toBe(1);
    fs.writeFileSync(path.join(dir, 'redis-lint.config.json'), JSON.stringify({ rules: { 'no-keys-command': 'warn' } }));
    const withConfig = runCli(['src', '--format', 'json', '--no-type-check'], dir);
    expect(JSON.parse(withConfig.stdout).files[0].findings.map((finding: { severity: string }) => finding.severity)).toEqual(['warn']);
    expect(withConfig.status).toBe(0);
  });

  it('runs the presets named in extends, the rules below them over them', () => {
    dir = tempProject({
      'src/a.ts': `${keysCall}redis.on('error', () => {});\nexport const wipe = () => redis.flushall();\nexport const name = () => redis.get('user name');\n`,
    });
    const ruleLines = (config: unknown): string[] => {
      fs.writeFileSync(path.join(dir, 'redis-lint.config.json'), JSON.stringify(config));
      const run = runCli(['--format', 'json', '--no-type-check'], dir);
      return JSON.parse(run.stdout).files.flatMap((file: { findings: Array<{ ruleId: string; line: number }> }) => file.findings.map((finding) => `${finding.ruleId}:${finding.line}`));
    };
    expect([{}, { extends: 'recommended' }, { extends: 'strict' }, { extends: 'all' }, { extends: [] }, { extends: ['recommended', 'strict'], rules: { 'no-keys-command': 'off' } }].map(ruleLines)).toEqual([
      ['no-keys-command:3'],
      ['no-keys-command:3'],
      ['no-keys-command:3', 'no-flush:5'],
      ['no-keys-command:3', 'no-flush:5', 'key-naming:6'],
      [],
      ['no-flush:5'],
    ]);
  });

  it('uses --config, and exits 2 naming the bad key of an invalid one', () => {
    dir = tempProject({ 'src/a.ts': keysCall, 'conf/off.json': JSON.stringify({ rules: { '@redis-lint/no-keys-command': 'off' } }), 'conf/bad.json': '{ "rules": { "no-keys-command": ["error", { "ignoreTests": true }] } }' });
    const off = runCli(['--config', 'conf/off.json', '--no-type-check'], dir);
    expect(off.status).toBe(0);
    expect(off.stdout).toBe('✔ No problems found in 1 file.\n');
    const bad = runCli(['--config', 'conf/bad.json'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(`redis-lint: ${path.join(dir, 'conf/bad.json')}: unknown option "ignoreTests" in rules.no-keys-command[1] (expected one of: ignoreTestFiles).\nRun "redis-lint --help" for usage.\n`);
    expect(runCli(['--config', 'conf/missing.json'], dir).status).toBe(2);
  });
});
