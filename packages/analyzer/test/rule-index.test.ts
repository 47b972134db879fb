import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '@redis-lint/analyzer';

const rulesDir = fileURLToPath(new URL('../src/rules/', import.meta.url));

describe('rule index', () => {
  it('lists exactly the rule files, each under its own name', () => {
    const files = readdirSync(rulesDir).filter((file) => file.endsWith('.ts') && file !== 'index.ts').map((file) => file.slice(0, -3)).sort();
    expect(rules.map((rule) => rule.id)).toEqual(files);
  });

  it.each(rules.map((rule) => [rule.id, rule] as const))('%s describes every option and uses camelCase message ids', (_id, rule) => {
    for (const [name, property] of Object.entries(rule.meta.schema.properties)) {
      expect(property.description, `${rule.id} option ${name}`).toMatch(/\S{3,}/);
      expect(Object.keys(rule.meta.defaultOptions as object)).toContain(name);
    }
    expect(rule.meta.schema.additionalProperties).toBe(false);
    for (const id of Object.keys(rule.meta.messages)) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(rule.meta.description).toMatch(/\.$/);
  });
});
