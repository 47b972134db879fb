import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

/**
 * The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it inside `@microsoft/sarif-multitool-linux`
 * (`sarif-2.1.0.json`, the OASIS 2.1.0 schema in JSON Schema 2020-12 form): no npm package ships
 * the OASIS file `sarif-schema-2.1.0.json` itself, and this is the schema the multitool validates with.
 */
export const SARIF_SCHEMA_PATH = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json');

/** The multitool's self-contained Linux binary (no .NET install needed). */
export const SARIF_MULTITOOL = require.resolve('@microsoft/sarif-multitool-linux/Sarif.Multitool');

export function sarifSchemaErrors(log: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as object);
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
