#!/usr/bin/env node
// Prints the ESLint rule table from the built plugin's rule metadata; `--write` puts it in docs/eslint.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import plugin from '../dist/index.js';
import { ruleTable, withRuleTable } from '../dist/rule-table.js';

const table = ruleTable(plugin.rules);
if (process.argv.includes('--write')) {
  const doc = fileURLToPath(new URL('../../../docs/eslint.md', import.meta.url));
  writeFileSync(doc, withRuleTable(readFileSync(doc, 'utf8'), table));
} else {
  console.log(table);
}
