import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyzeSourceFile, parseFile, resolveConfig, rules, type Finding, type ResolvedConfig } from '@redis-lint/analyzer';
import { listFixtureProjects, FIXTURES_ROOT, type FixtureProject } from '../../../test-support/annotations.js';
import { isCommand } from '../src/detect/command-table.js';
import { wantedCommands } from '../src/engine/wanted-commands.js';

/**
 * A rule that lists its commands (`meta.commands`) gets a model that may lack the calls of other
 * commands. Whatever it is run with, it must report exactly what it reports beside every rule,
 * whose model holds every call: on every fixture, typed and untyped, cluster by config or not.
 */
const declaring = rules.filter((rule) => rule.meta.commands !== undefined);
const everyRule = (cluster: boolean): ResolvedConfig => resolveConfig(rules, { cluster }, 'all');
const only = (ids: readonly string[], cluster: boolean): ResolvedConfig => resolveConfig(rules, { cluster, rules: Object.fromEntries(ids.map((id) => [id, 'error' as const])) }, 'none');
const recommended = rules.filter((rule) => rule.meta.recommended).map((rule) => rule.id);

function programOf(project: FixtureProject): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(project.tsconfig!, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

function findingsOf(project: FixtureProject, program: ts.Program | undefined, config: ResolvedConfig): Finding[] {
  return project.files.flatMap((file) => {
    const sourceFile = program ? program.getSourceFile(file)! : parseFile(file, fs.readFileSync(file, 'utf8'));
    return analyzeSourceFile(sourceFile, { config, program, clientVersions: project.clientVersions });
  });
}

describe('rules that list the commands they read', () => {
  it('are the recommended ones at least, and none lists an unknown command', () => {
    expect(recommended.filter((id) => !declaring.some((rule) => rule.id === id))).toEqual([]);
    // A misspelt command would silently hide its calls from the rule.
    const unknown = declaring.flatMap((rule) => rule.meta.commands!.filter((command) => command !== command.toUpperCase() || !isCommand(command)).map((command) => `${rule.id}: ${command}`));
    expect(unknown).toEqual([]);
  });

  it('gives the recommended rules a model without the calls no rule of them reads, and every rule one with all calls', () => {
    const wanted = wantedCommands(only(recommended, false).rules);
    expect([wanted?.has('KEYS'), wanted?.has('SMEMBERS'), wanted?.has('SET'), wanted?.has('EXPIRE'), wanted?.has('MGET'), wanted?.has('BLPOP'), wanted?.has('GET'), wanted?.has('SAVE')]).toEqual([true, true, true, true, true, true, false, false]);
    expect(wantedCommands(everyRule(false).rules)).toBeUndefined();
  });

  for (const project of listFixtureProjects()) {
    it(`${project.name}: each reports exactly what it reports beside every rule (${project.tsconfig ? 'typed and untyped' : 'untyped'})`, { timeout: 120_000 }, () => {
      const program = project.tsconfig ? programOf(project) : undefined;
      for (const typed of program ? [program, undefined] : [undefined]) {
        for (const cluster of [false, true]) {
          const all = findingsOf(project, typed, everyRule(cluster));
          const label = (id: string): string => `${path.relative(FIXTURES_ROOT, project.dir)} ${typed ? 'typed' : 'untyped'} cluster=${cluster} ${id}`;
          for (const rule of declaring) {
            expect(findingsOf(project, typed, only([rule.id], cluster)), label(rule.id)).toEqual(all.filter((finding) => finding.ruleId === rule.id));
          }
          expect(findingsOf(project, typed, only(recommended, cluster)), label('recommended')).toEqual(all.filter((finding) => recommended.includes(finding.ruleId)));
        }
      }
    });
  }
});
