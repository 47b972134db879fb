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
    write('typed/src/redis.ts', "import { Redis } from 'ioredis';\nexport const redis = new Redis({ commandTimeout: 1000 });\n");
    write('typed/src/use.ts', "import { redis } from './redis.js';\nexport const all = () => redis.keys('*');\n");
    write('broken/tsconfig.json', '{ "compilerOptions": { "strict": tru');
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

  it('--no-type-check analyzes file by file', () => {
    expect(findings(runCli(['typed', '--format', 'json', '--no-type-check'], dir).stdout)).toEqual([]);
  });

  it('a broken tsconfig is one warning, and its files are analyzed untyped', () => {
    const result = runCli(['broken', '--format', 'json'], dir);
    const output = JSON.parse(result.stdout) as { problems: Array<{ file: string; level: string; kind: string; message: string }> };
    expect(output.problems).toEqual([
      { file: expect.stringMatching(/broken\/tsconfig\.json$/), level: 'warning', kind: 'tsconfig', message: expect.stringMatching(/^Cannot use .*broken\/tsconfig\.json \(line 1\): Compiler option .strict. requires a value of type boolean; its files are analyzed without type information\.$/) },
    ]);
    expect(findings(result.stdout)).toEqual(['a.ts:3 no-keys-command']);
  });
});
