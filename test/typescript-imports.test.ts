import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PACKAGES = fileURLToPath(new URL('../packages/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return /\.[cm]?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('how the hosts load TypeScript', () => {
  // Node 20 imports the 9 MB CommonJS typescript.js from an ES module by compiling it to detect its
  // format, to run it and to find its named exports: about three times what `require` costs, paid on
  // every CLI run and language server start.
  it('every source file requires it (`import ts = require(...)`) or imports only its types', () => {
    const offenders = Object.keys(Object.fromEntries(fs.readdirSync(PACKAGES).map((name) => [name, 0])))
      .flatMap((name) => (fs.existsSync(path.join(PACKAGES, name, 'src')) ? sourceFiles(path.join(PACKAGES, name, 'src')) : []))
      .filter((file) => /^\s*import\s+(?!type\s)[^=;]*?\bfrom\s+['"]typescript['"]/m.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(PACKAGES, file));
    expect(offenders).toEqual([]);
  });
});
