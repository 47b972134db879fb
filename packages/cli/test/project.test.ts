import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, removeDir, runCli } from './cli-process.js';

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] });

describe('typed mode', () => {
  // Inside the repository so the project resolves the real ioredis; `.cache/` is git-ignored.
  const dir = path.join(REPO_ROOT, '.cache', `cli-typed-${process.pid}`);
  beforeAll(() => {
    const write = (name: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    };
    write('typed/tsconfig.json', TSCONFIG);
    write('all.json', JSON.stringify({ rules: { 'no-flush': ['error', { ignoreTestFiles: false }] } }));
    write('typed/src/redis.ts', "import { Redis } from 'ioredis';\nexport const redis = new Redis({ commandTimeout: 1000 });\n");
    write('typed/src/use.ts', "import { redis } from './redis.js';\nexport const all = () => redis.keys('*');\n");
    write('jsconfig/jsconfig.json', JSON.stringify({ compilerOptions: { module: 'commonjs' }, include: ['lib'] }));
    write('jsconfig/lib/redis.js', "const Redis = require('ioredis');\nmodule.exports = new Redis({ commandTimeout: 1000 });\n");
    write('jsconfig/lib/use.js', "const redis = require('./redis');\nexports.all = () => redis.keys('*');\n");
    write('plain/package.json', '{ "name": "plain" }');
    write('plain/src/lib/redis.js', "const { createClient } = require('redis');\nconst client = createClient({ socket: { socketTimeout: 1000 } });\nclient.on('error', console.error);\nexport default client;\n");
    write('plain/src/routes.js', "import client from './lib/redis';\nexport const all = () => client.keys('*');\n");
    write('typed/scripts/outside.js', "const { redis } = require('../src/redis');\nredis.flushall();\n");
    write('broken/tsconfig.json', '{ "compilerOptions": { "strict": tru');
    // A base config that is not installed (a fresh clone): the file's own paths still resolve `@/lib/redis`.
    write('unlinked/tsconfig.json', JSON.stringify({ extends: '@acme/base/tsconfig.json', compilerOptions: { baseUrl: '.', paths: { '@/lib/*': ['src/lib/*'] }, types: [] }, include: ['src'] }));
    write('unlinked/src/lib/redis.ts', "import { Redis } from 'ioredis';\nexport const redis = new Redis({ commandTimeout: 1000 });\n");
    write('unlinked/src/use.ts', "import { redis } from '@/lib/redis';\nexport const matching = (pattern: string) => redis.keys(pattern);\n");
    write('broken/src/a.ts', "import { Redis } from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1000 });\nexport const all = () => redis.keys('*');\n");
  });
  afterAll(() => removeDir(dir));

  const findings = (stdout: string) =>
    (JSON.parse(stdout) as { files: Array<{ file: string; findings: Array<{ ruleId: string; line: number }> }> }).files.flatMap((file) => file.findings.map((finding) => `${path.basename(file.file)}:${finding.line} ${finding.ruleId}`));

  it('builds a program from the nearest tsconfig.json, so clients are followed across files', () => {
    const typed = runCli(['typed', '--format', 'json'], dir);
    expect(typed.stderr).toBe('');
    expect(findings(typed.stdout)).toEqual(['use.ts:2 no-keys-command']);
  });

  it('a jsconfig.json makes a program of its JavaScript files', () => {
    const result = runCli(['jsconfig', '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    expect(findings(result.stdout)).toEqual(['use.js:2 no-keys-command']);
  });

  it('files no config covers are one inferred program per package: require and import of local modules resolve', () => {
    const result = runCli(['plain', '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    expect(findings(result.stdout)).toEqual(['routes.js:2 no-keys-command']);
  });

  it("a file beside a tsconfig that does not include it joins its package's inferred program", () => {
    const result = runCli(['typed/scripts/outside.js', '--format', 'json', '--config', path.join(dir, 'all.json')], dir);
    expect(findings(result.stdout)).toEqual(['outside.js:2 no-flush']);
  });

  it('--no-type-check analyzes file by file', () => {
    expect(findings(runCli(['typed', '--format', 'json', '--no-type-check'], dir).stdout)).toEqual([]);
  });

  it('a broken tsconfig is one warning, and its files are analyzed in the inferred project of their package', () => {
    const result = runCli(['broken', '--format', 'json'], dir);
    const output = JSON.parse(result.stdout) as { problems: Array<{ file: string; level: string; kind: string; message: string }> };
    expect(output.problems).toEqual([
      { file: expect.stringMatching(/broken\/tsconfig\.json$/), level: 'warning', kind: 'tsconfig', message: expect.stringMatching(/^Cannot use .*broken\/tsconfig\.json \(line 1\): Compiler option .strict. requires a value of type boolean; its files are analyzed in an inferred project\.$/) },
    ]);
    expect(findings(result.stdout)).toEqual(['a.ts:3 no-keys-command']);
  });

  it("a tsconfig whose base is not installed keeps its own options (paths), with one warning that says so", () => {
    const result = runCli(['unlinked', '--format', 'json'], dir);
    const output = JSON.parse(result.stdout) as { problems: Array<{ file: string; level: string; kind: string; message: string }> };
    expect(output.problems).toEqual([
      { file: expect.stringMatching(/unlinked\/tsconfig\.json$/), level: 'warning', kind: 'tsconfig', message: expect.stringMatching(/unlinked\/tsconfig\.json extends '@acme\/base\/tsconfig\.json', which is not there \(not installed\?\); its own options are used without it\.$/) },
    ]);
    expect(findings(result.stdout)).toEqual(['use.ts:2 no-keys-command']);
  });
});
