import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../src/files.js';
import { removeDir, tempProject } from './cli-process.js';

describe('discoverFiles', () => {
  let dir = '';
  afterEach(() => removeDir(dir));

  const relative = (files: string[]) => files.map((file) => path.relative(dir, file).split(path.sep).join('/'));

  it('walks source files, skips output and dependency folders, declaration files and other extensions', () => {
    dir = tempProject({
      'src/a.ts': '', 'src/b.tsx': '', 'src/c.mjs': '', 'src/d.cjs': '', 'src/e.jsx': '', 'src/f.mts': '', 'src/types.d.ts': '', 'src/readme.md': '',
      'node_modules/x/index.js': '', 'dist/a.js': '', 'build/a.js': '', '.next/a.js': '', 'coverage/a.js': '', 'lib/nested/deep.js': '',
    });
    expect(relative(discoverFiles(['.'], dir).files)).toEqual(['lib/nested/deep.js', 'src/a.ts', 'src/b.tsx', 'src/c.mjs', 'src/d.cjs', 'src/e.jsx', 'src/f.mts']);
  });

  it('honours .gitignore files from the git root down, including nested ones and negations', () => {
    dir = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'generated/\n*.gen.ts\n!keep.gen.ts\n',
      'app/.gitignore': 'local.ts\n',
      'app/src/a.ts': '', 'app/src/b.gen.ts': '', 'app/src/keep.gen.ts': '', 'app/generated/x.ts': '', 'app/local.ts': '', 'app/src/local.ts': '',
    });
    expect(relative(discoverFiles(['app'], dir).files)).toEqual(['app/src/a.ts', 'app/src/keep.gen.ts']);
    expect(relative(discoverFiles(['src'], path.join(dir, 'app')).files)).toEqual(['app/src/a.ts', 'app/src/keep.gen.ts']);
  });

  it('analyzes explicitly named files and ignored folders (lint-staged, third-party code)', () => {
    dir = tempProject({ '.git/HEAD': '', '.gitignore': 'vendor/\n*.gen.ts\n', 'src/x.gen.ts': '', 'vendor/lib/a.js': '', 'src/notes.txt': '' });
    expect(relative(discoverFiles(['src/x.gen.ts', 'vendor/lib', 'src/notes.txt'], dir).files)).toEqual(['src/x.gen.ts', 'vendor/lib/a.js']);
  });

  it('does not follow directory symlinks, follows file symlinks', () => {
    dir = tempProject({ 'src/a.ts': '', 'other/b.ts': '' });
    fs.symlinkSync('../other', path.join(dir, 'src/linked-dir'));
    fs.symlinkSync('a.ts', path.join(dir, 'src/alias.ts'));
    fs.symlinkSync('..', path.join(dir, 'src/up'));
    expect(relative(discoverFiles(['src'], dir).files)).toEqual(['src/a.ts', 'src/alias.ts']);
  });
});
