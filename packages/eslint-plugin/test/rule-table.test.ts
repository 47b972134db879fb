import fs from 'node:fs';
import plugin from '@redis-lint/eslint-plugin';
import { describe, expect, it } from 'vitest';
import { RULE_TABLE_END, RULE_TABLE_START, ruleTable, withRuleTable } from '../src/rule-table.js';

const doc = fs.readFileSync(new URL('../../../docs/eslint.md', import.meta.url), 'utf8');

describe('docs/eslint.md', () => {
  it('holds the rule table generated from the rules (run `node packages/eslint-plugin/scripts/rule-table.mjs --write`)', () => {
    expect(doc).toBe(withRuleTable(doc, ruleTable(plugin.rules)));
  });

  it('has one row per rule, linking its docs page', () => {
    const table = doc.slice(doc.indexOf(RULE_TABLE_START), doc.indexOf(RULE_TABLE_END));
    const links = [...table.matchAll(/^\| \[`@redis-lint\/([a-z-]+)`\]\((\S+)\)/gm)].map((match) => [match[1], match[2]]);
    expect(links).toEqual(Object.keys(plugin.rules).sort().map((id) => [id, plugin.rules[id]!.meta.docs?.url]));
  });

  it('marks recommended rules and only those', () => {
    const recommended = [...doc.matchAll(/^\| \[`@redis-lint\/([a-z-]+)`\][^|]*\|[^|]*\| ✅ \|/gm)].map((match) => match[1]);
    expect(recommended).toEqual(Object.keys(plugin.configs.recommended.rules ?? {}).map((id) => id.replace('@redis-lint/', '')).sort());
  });
});
