import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The CLI package's own folder (the parent of `dist/`). */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

export const VERSION: string = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
