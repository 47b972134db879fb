import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepository } from '../test-support/repository-copy.js';

const ID = 'no-example-get';
const PARITY_TESTS = ['packages/analyzer/test/fixtures.test.ts', 'packages/cli/test/fixtures.test.ts', 'packages/eslint-plugin/test/fixtures-parity.test.ts', 'packages/language-server/test/fixtures.test.ts'];
const META_TESTS = ['packages/analyzer/test/rule-index.test.ts', 'packages/analyzer/test/docs-examples.test.ts', 'packages/cli/test/config-file.test.ts', 'packages/eslint-plugin/test/rule-table.test.ts', 'test/readme.test.ts'];
// The tests about the new rule, its fixture project, and the generated lists and docs: not the whole suite, for time.
const SELECTED = [ID, 'reports in SARIF exactly', 'lists exactly the rule files', 'is exactly the schema generated', 'holds the rule table generated', 'includes the host docs'].join('|');

let copy: string;
let generated: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  copy = copyRepository('redis-lint-new-rule-');
  for (const args of [['init', '-q'], ['add', '-A'], ['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'copy']]) execFileSync('git', args, { cwd: copy });
  generated = spawnSync('npm', ['run', 'new-rule', '--silent', '--', ID], { cwd: copy, encoding: 'utf8', timeout: 300_000 });
}, 320_000);

afterAll(() => {
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

const read = (file: string): string => fs.readFileSync(path.join(copy, file), 'utf8');
const changedFiles = (): string[] => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: copy, encoding: 'utf8' }).split('\n').filter(Boolean).sort();

describe('npm run new-rule -- <id>, in a temporary copy of the repository', () => {
  it('writes the rule, its docs page and a fixture project, lists the rule, builds, and regenerates the schema, the rule table and the README', () => {
    expect([generated.status, generated.stderr]).toEqual([0, '']);
    expect(changedFiles()).toEqual([
      ' M README.md',
      ' M docs/eslint.md',
      ' M fixtures/README.md',
      ' M packages/analyzer/src/rules/index.ts',
      ' M packages/cli/redis-lint.config.schema.json',
      `?? docs/rules/${ID}.md`,
      `?? fixtures/${ID}/package.json`,
      `?? fixtures/${ID}/src/${ID}.ts`,
      `?? fixtures/${ID}/tsconfig.json`,
      `?? packages/analyzer/src/rules/${ID}.ts`,
    ]);
    const index = read('packages/analyzer/src/rules/index.ts');
    expect(index).toContain("import noCrossslot from './no-crossslot.js';\nimport noExampleGet from './no-example-get.js';\nimport noFlush from './no-flush.js';\n");
    expect(index).toContain('[keyNaming, luaDeclaredKeys, noBlockingOnSharedClient, noCrossslot, noExampleGet, noFlush, ');
    expect(read(`fixtures/${ID}/src/${ID}.ts`).match(/\/\/ (ruleid|ok): no-example-get$/gm)).toEqual([`// ruleid: ${ID}`, `// ok: ${ID}`]);
    expect(read(`docs/rules/${ID}.md`)).toContain('\n## ❌ Incorrect\n\n## ✅ Correct\n\n');
    expect(read('fixtures/redis-lint.config.json')).toBe(fs.readFileSync(new URL('../fixtures/redis-lint.config.json', import.meta.url), 'utf8'));
    expect(generated.stdout).toContain(`fixtures/redis-lint.config.json extends "all": ${ID} is on there already\n`);
  });

  it('refuses an id that is taken or not kebab-case', () => {
    const taken = spawnSync('npm', ['run', 'new-rule', '--silent', '--', 'no-flush'], { cwd: copy, encoding: 'utf8', timeout: 60_000 });
    expect([taken.status, taken.stderr]).toEqual([2, 'new-rule: packages/analyzer/src/rules/no-flush.ts, docs/rules/no-flush.md already exist; pick another id.\n']);
    const camel = spawnSync('npm', ['run', 'new-rule', '--silent', '--', 'noFlush'], { cwd: copy, encoding: 'utf8', timeout: 60_000 });
    expect([camel.status, camel.stderr]).toEqual([2, 'Usage: npm run new-rule -- <rule-id>   (kebab-case, verb first: no-…, require-…, prefer-…)\n']);
  });

  it('gives a rule that, once written as CONTRIBUTING says, builds and passes the parity tests of every host', { timeout: 600_000 }, () => {
    // The contributor's part: the rule's check, an `ok` site it must leave alone, and the docs examples.
    const rule = `packages/analyzer/src/rules/${ID}.ts`;
    // A command no other fixture sends: every rule runs on every fixture.
    fs.writeFileSync(path.join(copy, rule), read(rule).replace(/ {8}\/\/ TODO: report the calls[^\n]*\n[^\n]*\n/, "        if (call.command === 'ECHO') context.report({ node: call.node, messageId: 'exampleGet' });\n"));
    const fixture = `fixtures/${ID}/src/${ID}.ts`;
    fs.writeFileSync(path.join(copy, fixture), read(fixture).replace(/(\/\/ ruleid: no-example-get\n {2}return )redis\.get\(/, '$1redis.echo('));
    const example = (call: string): string => `\`\`\`ts\nimport Redis from 'ioredis';\n\nconst redis = new Redis({ commandTimeout: 1000 });\n\nexport const read = () => redis.${call}('profile:1');\n\`\`\`\n`;
    fs.writeFileSync(path.join(copy, `docs/rules/${ID}.md`), read(`docs/rules/${ID}.md`).replace('## ❌ Incorrect\n', `## ❌ Incorrect\n\n${example('echo')}`).replace('## ✅ Correct\n', `## ✅ Correct\n\n${example('get')}`));

    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: copy, encoding: 'utf8', timeout: 300_000 });
    expect([build.status, build.stderr]).toEqual([0, '']);
    const report = path.join(copy, 'vitest-report.json');
    const run = spawnSync('npx', ['vitest', 'run', ...PARITY_TESTS, ...META_TESTS, '-t', SELECTED, '--reporter=json', `--outputFile=${report}`], {
      cwd: copy,
      encoding: 'utf8',
      timeout: 540_000,
    });
    const results = JSON.parse(fs.readFileSync(report, 'utf8')) as { testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }> };
    const ran = results.testResults.flatMap((file) => file.assertionResults.filter((test) => test.status !== 'skipped' && test.status !== 'pending').map((test) => ({ file: path.relative(copy, file.name), name: test.fullName, status: test.status, failure: test.failureMessages.join('\n').slice(0, 2000) })));
    expect(ran.filter((test) => test.status !== 'passed'), run.stderr.slice(-4000)).toEqual([]);
    // Each host compared the new fixture project (the CLI's one test runs over every project), and the generated lists and docs were checked.
    const counts = Object.fromEntries([...PARITY_TESTS, ...META_TESTS].map((file) => [file, ran.filter((test) => test.file === file && (test.name.includes(ID) || file === 'packages/cli/test/fixtures.test.ts' || META_TESTS.includes(file))).length]));
    expect(counts).toEqual({
      'packages/analyzer/test/fixtures.test.ts': 3,
      'packages/cli/test/fixtures.test.ts': 1,
      'packages/eslint-plugin/test/fixtures-parity.test.ts': 3,
      'packages/language-server/test/fixtures.test.ts': 2,
      'packages/analyzer/test/rule-index.test.ts': 2,
      'packages/analyzer/test/docs-examples.test.ts': 4,
      'packages/cli/test/config-file.test.ts': 1,
      'packages/eslint-plugin/test/rule-table.test.ts': 1,
      'test/readme.test.ts': 1,
    });

    const cli = spawnSync(process.execPath, ['packages/cli/bin/redis-lint.js', `fixtures/${ID}`, '--config', 'fixtures/redis-lint.config.json', '--format', 'json'], { cwd: copy, encoding: 'utf8', timeout: 120_000 });
    const findings = (JSON.parse(cli.stdout) as { files: Array<{ findings: Array<{ ruleId: string; line: number; message: string }> }> }).files.flatMap((file) => file.findings);
    expect([cli.status, findings.map((finding) => [finding.ruleId, finding.line, finding.message])]).toEqual([1, [[ID, 10, 'TODO: the Redis problem, then the remedy, in one sentence (never a secret).']]]);
  });
});
