import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { withIncludes } from '../scripts/readme-includes.mjs';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README.md', () => {
  it('shows the Quick start: npm ci && npm start, then npm test', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
    expect(quickStart).toContain('npm ci && npm start\nnpm test\n');
  });

  it('includes the host docs as they are (run `node scripts/readme-includes.mjs --write`)', () => {
    expect((withIncludes as (text: string) => string)(readme)).toBe(readme);
    expect(readme).toContain('<!-- include: docs/cli.md -->');
    expect(readme).toContain('<!-- include: docs/eslint.md -->');
    expect(readme).toContain('<!-- include: docs/editor.md -->');
  });
});
