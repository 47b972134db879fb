// Regenerates redis-lint.config.schema.json from the built rules: `npm run schema -w packages/cli` after `npm run build`.
import fs from 'node:fs';
import { PRESET_NAMES, rules } from '@redis-lint/analyzer';
import { configSchema } from '../dist/config-schema.js';

fs.writeFileSync(new URL('../redis-lint.config.schema.json', import.meta.url), `${JSON.stringify(configSchema(rules, PRESET_NAMES), null, 2)}\n`);
