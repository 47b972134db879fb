import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FIXTURES_ROOT } from '../../../test-support/annotations.js';
import { resolveConfig } from '../src/engine/config.js';
import type { Finding } from '../src/engine/finding.js';
import { projectIndex } from '../src/engine/project-index.js';
import { analyzeSourceFile } from '../src/engine/runner.js';
import { rules } from '../src/rules/index.js';

const PROJECT = path.join(FIXTURES_ROOT, 'express-ioredis');
const config = resolveConfig(rules, {}, 'all');
const file = (name: string): string => path.join(PROJECT, 'src', name);

/** A language service over the fixture, with edited texts over the files on disk (as in an editor). */
function editableProject(): { program(): ts.Program; edit(name: string, text: string): void; text(name: string): string } {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(PROJECT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const edits = new Map<string, { text: string; version: number }>();
  const text = (name: string): string => edits.get(name)?.text ?? fs.readFileSync(name, 'utf8');
  const service = ts.createLanguageService({
    getCompilationSettings: () => parsed.options,
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: (name) => String(edits.get(name)?.version ?? 0),
    getScriptSnapshot: (name) => (ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(text(name)) : undefined),
    getCurrentDirectory: () => PROJECT,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: ts.sys.fileExists,
    readFile: (name) => (edits.has(name) ? text(name) : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
  return {
    program: () => service.getProgram()!,
    edit: (name, newText) => edits.set(name, { text: newText, version: (edits.get(name)?.version ?? 0) + 1 }),
    text,
  };
}

function findingsOf(program: ts.Program): Finding[] {
  return program
    .getSourceFiles()
    .filter((sourceFile) => !sourceFile.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sourceFile))
    .flatMap((sourceFile) => analyzeSourceFile(sourceFile, { config, program }));
}

// Declaration files (lib, node_modules) parsed once for every fresh program: only the project's own files matter here.
const declarationFiles = new Map<string, ts.SourceFile>();

/** The same texts in a program of its own (other options object, no old program): an index built from scratch. */
function freshFindings(program: ts.Program): Finding[] {
  const texts = new Map(program.getSourceFiles().map((sourceFile) => [sourceFile.fileName, sourceFile.text]));
  const options = { ...program.getCompilerOptions() };
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => texts.get(name) ?? readFile(name);
  host.getSourceFile = (name, languageVersion) => {
    const cached = declarationFiles.get(name);
    if (cached) return cached;
    const text = texts.get(name) ?? readFile(name);
    const sourceFile = text === undefined ? undefined : ts.createSourceFile(name, text, languageVersion, true);
    if (sourceFile?.isDeclarationFile) declarationFiles.set(name, sourceFile);
    return sourceFile;
  };
  const fresh = ts.createProgram(program.getRootFileNames(), options, host);
  expect(fresh.getSourceFiles().map((sourceFile) => sourceFile.fileName)).toEqual(program.getSourceFiles().map((sourceFile) => sourceFile.fileName));
  return findingsOf(fresh);
}

const badgesFindings = (findings: readonly Finding[]): string[] => findings.filter((finding) => finding.file === file('badges.ts')).map((finding) => `${finding.ruleId}: ${finding.message}`);

describe('project index across the programs of an editing session', () => {
  it('reuses the models an edit cannot reach and gives the findings of a fresh index', { timeout: 60_000 }, () => {
    const project = editableProject();
    const first = project.program();
    const initial = findingsOf(first);
    expect(initial).toEqual(freshFindings(first));
    const hotBadges = badgesFindings(initial);
    expect(hotBadges.filter((line) => line.startsWith('no-unbounded-reads'))).toHaveLength(1);

    // An edit in server.ts, which no file imports: every other model is the one built before.
    project.edit(file('server.ts'), `${project.text(file('server.ts'))}\nexport const edited = 1;\n`);
    const second = project.program();
    expect(second.getSourceFile(file('badges.ts'))).toBe(first.getSourceFile(file('badges.ts')));
    expect(findingsOf(second)).toEqual(freshFindings(second));
    const reused = [...projectIndex(second).models].filter(([sourceFile, model]) => projectIndex(first).models.get(sourceFile) === model);
    expect(reused.map(([sourceFile]) => path.relative(PROJECT, sourceFile.fileName)).sort()).toEqual(['src/accounts.ts', 'src/app-redis.ts', 'src/badges.ts', 'src/connection-factory.ts', 'src/db.ts', 'src/matchmaking.ts', 'src/memory-cache.ts', 'src/redis.ts', 'src/reports-connection.ts', 'src/room-owner.ts', 'src/routes/catalog.ts', 'src/routes/leaderboard.ts', 'src/season-ladder.ts', 'src/settings-store.ts', 'src/show-votes.ts']);

    // The router stops calling badgesOf: badges.ts did not change, but its hot mark must go.
    const router = project.text(file('routes/leaderboard.ts'));
    const withoutCall = router.replace("res.json(await badgesOf(req.params.userId ?? ''));", 'res.json([]);');
    expect(withoutCall).not.toBe(router);
    project.edit(file('routes/leaderboard.ts'), withoutCall);
    const third = project.program();
    const cold = findingsOf(third);
    expect(cold).toEqual(freshFindings(third));
    expect(badgesFindings(cold).filter((line) => line.startsWith('no-unbounded-reads'))).toEqual([]);
    expect(projectIndex(third).models.get(third.getSourceFile(file('badges.ts'))!)).not.toBe(projectIndex(second).models.get(second.getSourceFile(file('badges.ts'))!));

    // And calls it again.
    project.edit(file('routes/leaderboard.ts'), router);
    const fourth = project.program();
    const hotAgain = findingsOf(fourth);
    expect(hotAgain).toEqual(freshFindings(fourth));
    expect(badgesFindings(hotAgain)).toEqual(hotBadges);

    // The callee's file changes: the router, which imports it, is rebuilt against its new functions.
    project.edit(file('badges.ts'), `// a comment that moves every function\n${project.text(file('badges.ts'))}`);
    const fifth = project.program();
    const moved = findingsOf(fifth);
    expect(moved).toEqual(freshFindings(fifth));
    expect(badgesFindings(moved)).toEqual(hotBadges);

    // redis.ts, imported by every file with a client: its importers are rebuilt, the rest reused.
    project.edit(file('redis.ts'), `${project.text(file('redis.ts'))}\nexport const alsoEdited = true;\n`);
    const sixth = project.program();
    expect(findingsOf(sixth)).toEqual(freshFindings(sixth));

    // Edits all over the project: reused models keep their checkers alive; past four, every model is built anew.
    const checkers: number[] = [];
    for (const name of ['db.ts', 'memory-cache.ts', 'badges.ts', 'routes/leaderboard.ts']) {
      project.edit(file(name), `${project.text(file(name))}\n// edited\n`);
      const program = project.program();
      expect(findingsOf(program)).toEqual(freshFindings(program));
      checkers.push(new Set([...projectIndex(program).models.values()].map((model) => model.context.checker)).size);
    }
    expect(checkers).toEqual([3, 4, 1, 2]);
  });
});

describe('project index, asked for one file', () => {
  it("asks the checker about receivers of that file only: the other files' models give their hot calls and wait for a rule", { timeout: 60_000 }, () => {
    const program = editableProject().program();
    const checker = program.getTypeChecker();
    const typed: string[] = [];
    const spy = Object.create(checker) as ts.TypeChecker;
    spy.getTypeAtLocation = (node) => {
      typed.push(node.getSourceFile().fileName);
      return checker.getTypeAtLocation(node);
    };
    const asked = Object.create(program) as ts.Program;
    asked.getTypeChecker = () => spy;
    const leaderboard = program.getSourceFile(file('routes/leaderboard.ts'))!;
    const findings = analyzeSourceFile(leaderboard, { config, program: asked });
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(typed)).toEqual(new Set([leaderboard.fileName]));
    // Reading another file's model runs its detection then.
    expect(projectIndex(asked).models.get(program.getSourceFile(file('badges.ts'))!)!.calls.length).toBeGreaterThan(0);
  });
});
