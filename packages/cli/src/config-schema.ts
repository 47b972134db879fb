import path from 'node:path';
import type { RuleDefinition } from '@redis-lint/analyzer';
import { PACKAGE_DIR } from './package-info.js';

export const CONFIG_FILE_NAME = 'redis-lint.config.json';
/** The shipped schema, `configSchema(rules, PRESET_NAMES)` written by `npm run schema`. */
export const CONFIG_SCHEMA_FILE = path.join(PACKAGE_DIR, 'redis-lint.config.schema.json');

const LEVEL = { enum: ['off', 'warn', 'error'], description: '`off`, `warn` or `error`.' };

/**
 * The JSON schema of `redis-lint.config.json`, generated from the rules' own option schemas.
 * The shipped `redis-lint.config.schema.json` is this object; a test keeps the two equal.
 */
export function configSchema(rules: readonly RuleDefinition[], presets: readonly string[]): Record<string, unknown> {
  const preset = { enum: presets, description: 'A preset: `recommended`, `strict` (recommended and more) or `all` (every rule).' };
  const definitions: Record<string, unknown> = {};
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    definitions[rule.id] = {
      description: rule.meta.description,
      oneOf: [
        LEVEL,
        {
          type: 'array',
          items: [LEVEL, rule.meta.schema],
          minItems: 1,
          maxItems: 2,
        },
      ],
    };
    ruleProperties[rule.id] = { $ref: `#/definitions/${rule.id}` };
    ruleProperties[`@redis-lint/${rule.id}`] = { $ref: `#/definitions/${rule.id}` };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'redis-lint configuration',
    description: `The ${CONFIG_FILE_NAME} file: which redis-lint rules run, at which level, with which options.`,
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The URI of this schema, for editors.' },
      extends: {
        description: 'The presets whose rules run at `error` before `rules` apply, one name or a list, like ESLint shared configs. Without `extends`, the `recommended` rules run.',
        oneOf: [preset, { type: 'array', items: preset }],
      },
      rules: {
        type: 'object',
        description: 'Rule levels, or `[level, options]`. Rules not listed keep the level of the presets extended (`recommended` without `extends`). Ids may carry the ESLint prefix `@redis-lint/`.',
        properties: ruleProperties,
        additionalProperties: false,
      },
      cluster: { type: 'boolean', description: 'Treat every Redis client as a cluster client (for code that builds clients in a factory).' },
    },
    additionalProperties: false,
    definitions,
  };
}
