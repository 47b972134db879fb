// prepack: bundles docs/rules/*.md into the package, so the published CLI has the SARIF help text.
import fs from 'node:fs';

const from = new URL('../../../docs/rules/', import.meta.url);
const to = new URL('../docs/rules/', import.meta.url);
fs.rmSync(to, { recursive: true, force: true });
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from).filter((file) => file.endsWith('.md'))) fs.copyFileSync(new URL(name, from), new URL(name, to));
