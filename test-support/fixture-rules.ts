import fs from 'node:fs';
import { resolveConfig, rules, type UserConfig } from '@redis-lint/analyzer';
import { FIXTURES_CONFIG } from './fixture-projects.js';

/** The config of every fixture (`fixtures/redis-lint.config.json`), as written. */
export const FIXTURES_USER_CONFIG = JSON.parse(fs.readFileSync(FIXTURES_CONFIG, 'utf8')) as UserConfig;

/** The rules that config turns on: the annotations speak for these, and every host is compared on them. */
export const FIXTURE_RULES: ReadonlySet<string> = new Set(resolveConfig(rules, FIXTURES_USER_CONFIG).rules.map((resolved) => resolved.rule.id));
