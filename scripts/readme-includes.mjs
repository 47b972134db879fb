// Keeps README.md's host sections equal to the docs they come from: `node scripts/readme-includes.mjs --write`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const INCLUDE = /<!-- include: (\S+) -->\n[\s\S]*?<!-- end include -->/g;

/** README.md with every `<!-- include: path -->` block refilled from its file. */
export function withIncludes(readme) {
  return readme.replace(INCLUDE, (_block, path) => `<!-- include: ${path} -->\n${readFileSync(root + path, 'utf8').trimEnd()}\n<!-- end include -->`);
}

if (process.argv.includes('--write')) {
  const file = root + 'README.md';
  writeFileSync(file, withIncludes(readFileSync(file, 'utf8')));
}
