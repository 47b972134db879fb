import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import type { UserConfig } from '@redis-lint/analyzer';
import { CONFIG_FILE_NAME, CONFIG_SCHEMA_FILE } from './config-schema.js';
import { UsageError } from './usage-error.js';

export interface LoadedConfig {
  /** Absolute path of the file read, or undefined when none was found (the `recommended` rules run). */
  file: string | undefined;
  config: UserConfig;
}

/** `--config <file>`, or the nearest `redis-lint.config.json` from `startDir` upwards. */
export function loadConfig(explicit: string | undefined, startDir: string, cwd: string): LoadedConfig {
  const file = explicit !== undefined ? path.resolve(cwd, explicit) : findUp(startDir, CONFIG_FILE_NAME);
  if (file === undefined) return { file: undefined, config: {} };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the config file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message}).`);
  }
  const problem = validateConfig(data);
  if (problem !== undefined) throw new UsageError(`${file}: ${problem}`);
  return { file, config: data as UserConfig };
}

let validator: ReturnType<AjvClass['compile']> | undefined;

/**
 * Checks a config object against the shipped schema (generated from the rules, kept equal by a test,
 * and read as JSON so that a fully cached run need not load the rules); returns one sentence naming
 * the bad key, or undefined.
 */
export function validateConfig(data: unknown): string | undefined {
  if (!validator) {
    // Required on first use: most runs have no config file, and loading ajv is a good part of a cached run's start-up.
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    validator = new Ajv({ allErrors: true, verbose: true, strictTuples: false }).compile(JSON.parse(fs.readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as Record<string, unknown>);
  }
  if (validator(data)) return undefined;
  return describeError(validator.errors ?? [], data);
}

function describeError(errors: readonly ErrorObject[], data: unknown): string {
  const specific = errors.filter((error) => error.keyword !== 'oneOf');
  const deepest = [...specific].sort((a, b) => depth(b.instancePath) - depth(a.instancePath) || rank(a) - rank(b))[0];
  if (!deepest) return 'invalid configuration.';
  const where = displayPath(deepest.instancePath);
  const value = valueAt(data, deepest.instancePath);
  if (deepest.keyword === 'additionalProperties') {
    const key = String(deepest.params.additionalProperty);
    const allowed = Object.keys((deepest.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {}).filter((name) => !name.startsWith('@redis-lint/'));
    const noun = deepest.instancePath === '/rules' ? 'rule' : where === '' ? 'key' : 'option';
    const at = where === '' ? '' : ` in ${where}`;
    return `unknown ${noun} "${key}"${at}${allowed.length > 0 ? ` (expected one of: ${allowed.join(', ')})` : ''}.`;
  }
  const isRuleSetting = /^\/rules\/[^/]+$/.test(deepest.instancePath);
  if (isRuleSetting) return `${where}: expected "off", "warn", "error" or [level, { options }], got ${JSON.stringify(value)}.`;
  if (deepest.keyword === 'enum') return `${where}: expected one of ${(deepest.params.allowedValues as unknown[]).map((item) => JSON.stringify(item)).join(', ')}, got ${JSON.stringify(value)}.`;
  return `${where === '' ? 'the configuration' : where}: ${deepest.message ?? 'is invalid'}, got ${JSON.stringify(value)}.`;
}

function rank(error: ErrorObject): number {
  return error.keyword === 'additionalProperties' ? 0 : error.keyword === 'enum' ? 1 : 2;
}

function depth(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length - 1;
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `/rules/no-keys-command/1/allowKeys` → `rules.no-keys-command[1].allowKeys`. */
function displayPath(pointer: string): string {
  return segments(pointer).reduce((text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`), '');
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of segments(pointer)) current = (current as Record<string, unknown> | undefined)?.[part];
  return current;
}

export function findUp(startDir: string, name: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
