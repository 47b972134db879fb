import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempProject } from './cli-process.js';

describe('exit codes, --max-warnings, --quiet, --exit-zero', () => {
  let dir = '';
  beforeAll(() => {
    dir = tempProject({
      'warn.json': JSON.stringify({ rules: { 'no-keys-command': 'warn' } }),
      'src/a.ts': "import Redis from 'ioredis';\nconst redis = new Redis({ commandTimeout: 1000 });\nexport const a = () => redis.keys('a');\nexport const b = () => redis.keys('b');\n",
      'src/b.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\n",
    });
  });
  afterAll(() => removeDir(dir));

  it('0 when clean, 1 with errors, 0 with warnings only', () => {
    expect(runCli(['src/b.ts', '--no-type-check', '--config', 'warn.json', '--quiet'], dir).status).toBe(1);
    expect(runCli(['src/a.ts', '--no-type-check', '--config', 'warn.json'], dir).status).toBe(0);
    expect(runCli(['src/a.ts', '--no-type-check'], dir).status).toBe(1);
  });

  it('--max-warnings N: 1 when there are more than N warnings', () => {
    expect(runCli(['src/a.ts', '--no-type-check', '--config', 'warn.json', '--max-warnings', '2'], dir).status).toBe(0);
    expect(runCli(['src/a.ts', '--no-type-check', '--config', 'warn.json', '--max-warnings', '1'], dir).status).toBe(1);
  });

  it('--quiet shows errors only but still counts warnings for --max-warnings', () => {
    const quiet = runCli(['src', '--no-type-check', '--config', 'warn.json', '--quiet', '--format', 'json'], dir);
    const output = JSON.parse(quiet.stdout) as { files: Array<{ findings: Array<{ severity: string }> }> };
    expect(output.files.flatMap((file) => file.findings.map((finding) => finding.severity))).toEqual(['error']);
    expect(runCli(['src/a.ts', '--no-type-check', '--config', 'warn.json', '--quiet', '--max-warnings', '0'], dir)).toMatchObject({ status: 1, stdout: '✔ No problems found in 1 file.\n' });
  });

  it('--exit-zero exits 0 even with errors', () => {
    const result = runCli(['src', '--no-type-check', '--exit-zero'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('✖ 3 problems (3 errors, 0 warnings) in 2 files.');
  });
});
