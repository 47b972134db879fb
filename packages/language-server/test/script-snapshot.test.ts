import ts = require('typescript');
import { describe, expect, it } from 'vitest';
import { ScriptSnapshot } from '../src/script-snapshot.js';

describe('ScriptSnapshot', () => {
  it('tells the language service what changed since the previous snapshot', () => {
    const before = new ScriptSnapshot('const a = 1;\nconst b = 2;\n');
    const after = new ScriptSnapshot('const a = 1;\nconst bb = 2;\n');
    expect(after.getChangeRange(before)).toEqual({ span: { start: 20, length: 0 }, newLength: 1 });
    expect(after.getChangeRange(ts.ScriptSnapshot.fromString(''))).toBeUndefined();
    expect([after.getLength(), after.getText(13, 21)]).toEqual([27, 'const bb']);
  });

  it('lets TypeScript reparse incrementally to the tree a full parse gives', () => {
    const text = 'export function f(x: number) {\n  return x + 1;\n}\nexport const y = f(2);\n';
    const edited = text.replace('x + 1', 'x + 2');
    const old = ts.createLanguageServiceSourceFile('/p/a.ts', new ScriptSnapshot(text), ts.ScriptTarget.Latest, '1', true);
    const reused = old.statements[1];
    const updated = ts.updateLanguageServiceSourceFile(old, new ScriptSnapshot(edited), '2', new ScriptSnapshot(edited).getChangeRange(new ScriptSnapshot(text))!);
    const fresh = ts.createSourceFile('/p/a.ts', edited, ts.ScriptTarget.Latest, true);
    const shape = (node: ts.Node): unknown[] => {
      const children: unknown[] = [];
      ts.forEachChild(node, (child) => void children.push(shape(child)));
      return [ts.SyntaxKind[node.kind], node.pos, node.end, node.parent?.kind, children];
    };
    expect(updated.statements[1]).toBe(reused);
    expect(updated.statements.map(shape)).toEqual(fresh.statements.map(shape));
  });
});
