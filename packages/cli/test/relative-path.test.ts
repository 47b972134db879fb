import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativePath } from '../src/relative-path.js';

describe('relativePath', () => {
  it('is the POSIX path from the root, whatever shape the root and the file are given in', () => {
    const root = path.resolve('/work/app');
    expect(relativePath(root, path.join(root, 'src', 'a.ts'))).toBe('src/a.ts');
    expect(relativePath(`${root}${path.sep}`, path.join(root, 'src', 'a.ts'))).toBe('src/a.ts');
    expect(relativePath(root, `${root}${path.sep}src${path.sep}..${path.sep}b.ts`)).toBe('b.ts');
    expect(relativePath(root, `${root}${path.sep}.${path.sep}c.ts`)).toBe('c.ts');
    expect(relativePath(root, `${root}${path.sep}${path.sep}d.ts`)).toBe('d.ts');
    expect(relativePath(root, path.join(root, '..foo.ts'))).toBe('..foo.ts');
  });

  it('is the absolute POSIX path for the root itself and for files outside it', () => {
    const root = path.resolve('/work/app');
    const posix = (file: string): string => file.split(path.sep).join('/');
    expect(relativePath(root, root)).toBe(posix(root));
    expect(relativePath(root, path.resolve('/work/other/a.ts'))).toBe(posix(path.resolve('/work/other/a.ts')));
    expect(relativePath(root, path.resolve('/work/application/a.ts'))).toBe(posix(path.resolve('/work/application/a.ts')));
    expect(relativePath(root, `${root}${path.sep}..${path.sep}x.ts`)).toBe(posix(`${root}${path.sep}..${path.sep}x.ts`));
  });
});
