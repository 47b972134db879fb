import fs from 'node:fs';
import type { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { compareWithAnnotations, formatMismatch, listFixtureProjects, parseAnnotations, type FixtureProject } from '../../../test-support/annotations.js';
import { FIXTURE_RULES } from '../../../test-support/fixture-rules.js';
import { engineSites } from './engine-sites.js';
import { lintFixtureProject, sitesOf, type EslintSite, type LintMode } from './fixture-lint.js';

const projects = listFixtureProjects();
const byPosition = (a: EslintSite, b: EslintSite): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
const key = (site: EslintSite): string => `${site.file}:${site.line}:${site.column}:${site.ruleId}`;

/** The annotations speak for the rules `fixtures/redis-lint.config.json` turns on; the `all` config runs every rule. */
const annotated = FIXTURE_RULES;

const runs = new Map<string, Promise<ESLint.LintResult[]>>();
function lint(project: FixtureProject, mode: LintMode): Promise<ESLint.LintResult[]> {
  const id = `${project.name}:${mode}`;
  if (!runs.has(id)) runs.set(id, lintFixtureProject(project, mode));
  return runs.get(id)!;
}

it('finds the fixture projects', () => {
  expect(projects.length).toBeGreaterThanOrEqual(4);
});

describe('ESLint with the `all` config, typed (projectService for TypeScript, the project model for JavaScript), over every fixture', () => {
  for (const project of projects) {
    describe(project.name, () => {
      it('reports exactly the annotated sites, and no parse errors', async () => {
        expect(sitesOf(await lint(project, 'typed')).length).toBeGreaterThan(0);
        const sites = sitesOf(await lint(project, 'typed'));
        expect(sites.filter((site) => site.ruleId === '')).toEqual([]);
        const annotations = project.files.flatMap((file) => parseAnnotations(file, fs.readFileSync(file, 'utf8'))).filter((annotation) => annotated.has(annotation.ruleId));
        const mismatch = compareWithAnnotations(annotations, sites.filter((site) => annotated.has(site.ruleId)));
        expect(formatMismatch(mismatch), 'missing = annotated but not reported; unexpected = reported but not annotated').toBe('');
      });

      it("reports exactly the engine's findings: same ranges, same messages", async () => {
        const sites = sitesOf(await lint(project, 'typed')).sort(byPosition);
        expect(sites).toEqual(engineSites(project.files, 'typed', project.clientVersions).sort(byPosition));
      });
    });
  }
});

describe('ESLint without type information (typescript-eslint without a program, espree for JavaScript) over every fixture', () => {
  for (const project of projects) {
    it(`${project.name}: no errors, the untyped engine's findings, none that typed linting lacks`, async () => {
      const results = await lint(project, 'untyped');
      expect(results.map((result) => [result.fatalErrorCount, result.messages.filter((message) => !message.ruleId)])).toEqual(results.map(() => [0, []]));
      const sites = sitesOf(results).sort(byPosition);
      expect(sites).toEqual(engineSites(project.files, 'untyped', project.clientVersions).sort(byPosition));
      // Typed mode must never find less than untyped mode on the same code.
      const typed = new Set(sitesOf(await lint(project, 'typed')).map(key));
      expect(sites.map(key).filter((site) => !typed.has(site))).toEqual([]);
    });
  }
});
