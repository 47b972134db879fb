import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyzeSourceFile, parseFile, resolveConfig, rules, type Finding } from '@redis-lint/analyzer';
import {
  compareWithAnnotations,
  formatMismatch,
  lineOfOffset,
  listFixtureProjects,
  parseAnnotations,
  FIXTURES_ROOT,
  type Annotation,
  type FixtureProject,
  type ReportedFinding,
} from '../../../test-support/annotations.js';
import { createProjectProgram, ProjectModel } from '@redis-lint/analyzer/project';
import { FIXTURE_RULES, FIXTURES_USER_CONFIG } from '../../../test-support/fixture-rules.js';

const CORE_RULES = [
  'no-crossslot',
  'no-hardcoded-credentials',
  'no-keys-command',
  'no-per-request-client',
  'no-unbounded-reads',
  'require-timeouts',
  'require-ttl',
];
/** SPEC §5's seven, node-redis 6.2, and the projects of issue 6 (rules beyond the core seven). */
const EXPECTED_PROJECTS = [
  'cluster-client',
  'express-ioredis',
  'express-js-app',
  'jobs-and-locks',
  'legacy-callbacks',
  'nest-service',
  'next-route',
  'node-redis-worker',
  'node-redis6-service',
  'plain-js',
  'realtime-sockets',
  'scripts-and-tags',
  'upstash-function',
  'valkey-glide-service',
];

const config = resolveConfig(rules, FIXTURES_USER_CONFIG);
const projects = listFixtureProjects();

function annotationsOf(project: FixtureProject): Annotation[] {
  return project.files.flatMap((file) => parseAnnotations(file, fs.readFileSync(file, 'utf8')));
}

function reported(findings: readonly Finding[], textOf: (file: string) => string): ReportedFinding[] {
  return findings.filter((finding) => FIXTURE_RULES.has(finding.ruleId)).map((finding) => ({ file: finding.file, line: lineOfOffset(textOf(finding.file), finding.start), ruleId: finding.ruleId }));
}

const programs = new Map<string, ts.Program>();
const typedCache = new Map<string, ReportedFinding[]>();

const model = new ProjectModel();

/**
 * The program every host gives a file: its tsconfig's, or the inferred one of its package, built with the
 * hosts' module resolution (a monorepo's workspace packages resolve on a fresh clone too).
 */
function programOf(file: string): ts.Program {
  const { project } = model.projectOf(file);
  const cached = programs.get(project.key);
  if (cached) return cached;
  const input = model.programInput(project);
  if (input.problem !== undefined) throw new Error(input.problem);
  const program = createProjectProgram(input);
  programs.set(project.key, program);
  return program;
}

function typedFindings(project: FixtureProject): ReportedFinding[] {
  const cached = typedCache.get(project.name);
  if (cached) return cached;
  const findings = project.files.flatMap((file) => {
    const program = programOf(file);
    const sourceFile = program.getSourceFile(file);
    if (!sourceFile) throw new Error(`${file} is not part of the program of ${project.name}`);
    return analyzeSourceFile(sourceFile, { config, program, clientVersions: project.clientVersions });
  });
  const result = reported(findings, (file) => programOf(file).getSourceFile(file)!.text);
  typedCache.set(project.name, result);
  return result;
}

function untypedFindings(project: FixtureProject): ReportedFinding[] {
  const texts = new Map(project.files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
  const findings = project.files.flatMap((file) => analyzeSourceFile(parseFile(file, texts.get(file)!), { config, clientVersions: project.clientVersions }));
  return reported(findings, (file) => texts.get(file)!);
}

/** Annotations of the rules the fixtures' config turns on (a stray id fails the test below instead). */
function checkable(annotations: readonly Annotation[]): Annotation[] {
  return annotations.filter((annotation) => FIXTURE_RULES.has(annotation.ruleId));
}

const siteKey = (site: ReportedFinding): string => `${path.relative(FIXTURES_ROOT, site.file)}:${site.line} ${site.ruleId}`;

describe('annotation format (test-support/annotations.ts)', () => {
  const text = [
    "import Redis from 'ioredis';",
    '// ruleid: no-keys-command, no-unbounded-reads -- both on one line',
    '// ok: require-ttl',
    'await redis.keys(`user:${id}`);',
    'const script = `',
    '  -- ruleid: no-keys-command',
    "  return redis.call('KEYS', ARGV[1])",
    '`;',
  ].join('\r\n');

  it('reads comma lists, stacked lines, reasons and Lua comments, 1-based, on the line below', () => {
    expect(parseAnnotations('/p/a.ts', text)).toEqual([
      { file: '/p/a.ts', line: 4, ruleId: 'no-keys-command', kind: 'ruleid' },
      { file: '/p/a.ts', line: 4, ruleId: 'no-unbounded-reads', kind: 'ruleid' },
      { file: '/p/a.ts', line: 4, ruleId: 'require-ttl', kind: 'ok' },
      { file: '/p/a.ts', line: 7, ruleId: 'no-keys-command', kind: 'ruleid' },
    ]);
  });

  it('rejects an annotation with no line below it', () => {
    expect(() => parseAnnotations('/p/b.ts', 'const a = 1;\n// ok: require-ttl')).toThrow('/p/b.ts: annotation on the last line has no line below it');
  });

  it('counts CRLF lines like LF lines', () => {
    expect(lineOfOffset(text, text.indexOf('redis.keys'))).toBe(4);
  });

  it('reports missing ruleid sites, findings on ok lines and findings on unannotated lines; paths compare resolved', () => {
    const annotations = parseAnnotations(path.resolve('p/a.ts'), text);
    const mismatch = compareWithAnnotations(annotations, [
      { file: 'p/a.ts', line: 4, ruleId: 'no-keys-command' },
      { file: 'p/a.ts', line: 4, ruleId: 'require-ttl' },
      { file: 'p/a.ts', line: 1, ruleId: 'require-timeouts' },
      { file: 'p/a.ts', line: 7, ruleId: 'no-keys-command' },
    ]);
    expect(formatMismatch(mismatch, process.cwd())).toBe(
      ['missing    p/a.ts:4 no-unbounded-reads', 'unexpected p/a.ts:4 require-ttl', 'unexpected p/a.ts:1 require-timeouts'].join('\n'),
    );
  });
});

describe('fixtures', () => {
  it('holds the expected projects; more may join', () => {
    const names = projects.map((project) => project.name);
    expect(EXPECTED_PROJECTS.filter((name) => !names.includes(name))).toEqual([]);
  });

  it('turns every rule on in redis-lint.config.json, and annotates only rules', () => {
    expect([FIXTURES_USER_CONFIG, [...FIXTURE_RULES]]).toEqual([{ $schema: '../packages/cli/redis-lint.config.schema.json', extends: 'all' }, rules.map((rule) => rule.id)]);
    const stray = projects.flatMap(annotationsOf).filter((annotation) => !FIXTURE_RULES.has(annotation.ruleId));
    expect(stray.map((annotation) => `${path.relative(FIXTURES_ROOT, annotation.file)}:${annotation.line} ${annotation.ruleId}`)).toEqual([]);
  });

  it('annotates the seven core rules at 80+ sites, 40%+ of them `ok` traps, every rule both ways', () => {
    const core = projects.flatMap(annotationsOf).filter((annotation) => CORE_RULES.includes(annotation.ruleId));
    const okShare = core.filter((annotation) => annotation.kind === 'ok').length / core.length;
    expect(core.length).toBeGreaterThanOrEqual(80);
    expect(okShare).toBeGreaterThanOrEqual(0.4);
    for (const ruleId of CORE_RULES) {
      expect(core.filter((annotation) => annotation.ruleId === ruleId && annotation.kind === 'ruleid').length, `${ruleId} ruleid sites`).toBeGreaterThanOrEqual(3);
      expect(core.filter((annotation) => annotation.ruleId === ruleId && annotation.kind === 'ok').length, `${ruleId} ok sites`).toBeGreaterThanOrEqual(3);
    }
  });

  for (const project of projects) {
    describe(project.name, () => {
      if (project.tsconfig) {
        it('type-checks with zero errors', () => {
          const diagnostics = ts.getPreEmitDiagnostics(programOf(project.files[0]!)).map((diagnostic) => {
            const where = diagnostic.file ? `${path.relative(FIXTURES_ROOT, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1} ` : '';
            return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
          });
          expect(diagnostics).toEqual([]);
        });
      }

      it(`typed mode (${project.tsconfig ? 'its tsconfig' : 'the inferred project of its package'}) reports exactly the annotated findings`, () => {
        const mismatch = compareWithAnnotations(checkable(annotationsOf(project)), typedFindings(project));
        expect(formatMismatch(mismatch, FIXTURES_ROOT), 'missing = annotated but not reported; unexpected = reported but not annotated').toBe('');
      });

      it('untyped mode finds nothing typed mode does not', () => {
        const typed = new Set(typedFindings(project).map(siteKey));
        const extra = untypedFindings(project).map(siteKey).filter((key) => !typed.has(key));
        expect(extra, 'untyped findings missing from typed mode').toEqual([]);
      });
    });
  }
});
