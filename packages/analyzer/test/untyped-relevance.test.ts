import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText, resolveConfig, rules, untypedAnalysisMayFind, type RuleDefinition } from '@redis-lint/analyzer';
import { untypedFileMayHoldRedis } from '../src/detect/file-model.js';
import { listFixtureProjects } from '../../../test-support/fixture-projects.js';

/**
 * Hosts skip parsing a file `untypedFileMayHoldRedis` rejects (the CLI's untyped runs). That is safe only
 * while no rule, untyped, finds anything in such a file: checked on every fixture file with every rule.
 */
describe('untypedFileMayHoldRedis', () => {
  const everyRule = (cluster: boolean) => ({ cluster, rules: Object.fromEntries(rules.map((rule) => [rule.id, 'error' as const])) });
  const files = listFixtureProjects().flatMap((project) => project.files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8'), clientVersions: project.clientVersions })));

  it('rejects only files in which no rule finds anything untyped', () => {
    let rejected = 0;
    let withFindings = 0;
    for (const { file, text, clientVersions } of files) {
      const findings = [false, true].flatMap((cluster) => analyzeText(file, text, everyRule(cluster), clientVersions));
      if (findings.length > 0) withFindings++;
      if (untypedFileMayHoldRedis(text)) continue;
      rejected++;
      expect(findings.map((finding) => `${file}:${finding.ruleId}`)).toEqual([]);
    }
    // Both sides are exercised: files it lets through with findings, and files it rejects.
    expect(rejected).toBeGreaterThan(5);
    expect(withFindings).toBeGreaterThan(20);
  });

  it('lets through a client package import, a job queue and a Lua script, in any file', () => {
    expect(untypedFileMayHoldRedis("const Redis = require('ioredis');")).toBe(true);
    expect(untypedFileMayHoldRedis("import { createClient } from 'redis';")).toBe(true);
    expect(untypedFileMayHoldRedis("import { Queue } from 'bullmq';")).toBe(true);
    expect(untypedFileMayHoldRedis("export const take = \"return redis.call('SET', KEYS[1], ARGV[1], 'NX')\";")).toBe(true);
    expect(untypedFileMayHoldRedis("import { redis } from './lib/redis.js';\nexport const all = () => redis.keys('*');")).toBe(false);
    expect(untypedFileMayHoldRedis('export const cache = new Map<string, string>();')).toBe(false);
  });

  it('lets every file through when a rule is not one of the engine’s own', () => {
    const text = 'export const cache = new Map<string, string>();';
    const custom = { ...rules[0]!, id: 'custom' } as RuleDefinition;
    expect(untypedAnalysisMayFind(text, resolveConfig(rules, {}, 'all'))).toBe(false);
    expect(untypedAnalysisMayFind(text, resolveConfig([...rules, custom], {}, 'all'))).toBe(true);
  });
});
