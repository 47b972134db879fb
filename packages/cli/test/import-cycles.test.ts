import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');

/** The modules of this package a source text imports, type-only and dynamic imports included. */
function localImports(file: string, text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every cycle met by a depth-first walk, as the modules on it (relative to src/), the first repeated at the end. */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles: string[] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (module: string): void => {
    const at = onPath.indexOf(module);
    if (at !== -1) {
      cycles.push([...onPath.slice(at), module].map((file) => path.relative(SRC, file)).join(' → '));
      return;
    }
    if (done.has(module)) return;
    onPath.push(module);
    for (const imported of graph.get(module) ?? []) visit(imported);
    onPath.pop();
    done.add(module);
  };
  for (const module of [...graph.keys()].sort()) visit(module);
  return cycles;
}

describe('imports of packages/cli/src', () => {
  it('sees type-only, re-exported and dynamic imports', () => {
    const file = path.join(SRC, 'a.ts');
    const text = "import type { B } from './b.js';\nexport { C } from './c.js';\nconst d = await import('./d.js');\nimport ts = require('typescript');\nimport { e } from '../e.js';\n";
    expect(localImports(file, text)).toEqual([path.join(SRC, 'b.ts'), path.join(SRC, 'c.ts'), path.join(SRC, 'd.ts'), path.resolve(SRC, '../e.ts')]);
  });

  it('form no cycle', () => {
    const graph = new Map(sourceFiles(SRC).map((file) => [file, localImports(file, fs.readFileSync(file, 'utf8'))]));
    expect(graph.size).toBeGreaterThan(30);
    expect(cyclesOf(graph)).toEqual([]);
  });
});
