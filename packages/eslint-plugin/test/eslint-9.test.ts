import { ESLint as ESLint9 } from 'eslint9';
import type { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { listFixtureProjects } from '../../../test-support/annotations.js';
import { lintFixtureProject, sitesOf } from './fixture-lint.js';

const projects = listFixtureProjects().filter((project) => ['express-ioredis', 'plain-js'].includes(project.name));

describe('ESLint 9 gives the same results as ESLint 10', () => {
  it('runs ESLint 9', () => {
    expect(ESLint9.version).toMatch(/^9\./);
    expect(projects.map((project) => project.name)).toEqual(['express-ioredis', 'plain-js']);
  });

  for (const project of projects) {
    it(`${project.name}, typed where there is a tsconfig`, async () => {
      const nine = sitesOf(await lintFixtureProject(project, 'typed', ESLint9 as unknown as typeof ESLint));
      const ten = sitesOf(await lintFixtureProject(project, 'typed'));
      expect(nine.length).toBeGreaterThan(5);
      expect(nine).toEqual(ten);
    });
  }
});
