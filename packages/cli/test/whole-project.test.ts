import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempProject } from './cli-process.js';
import { CROSS_FILE_PROJECT, findingLines, type JsonReport } from './cross-file-project.js';

describe('typed mode analyzes each program as a whole', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempProject(CROSS_FILE_PROJECT);
  });
  afterAll(() => removeDir(dir));

  const lint = (...args: string[]): JsonReport => {
    const result = runCli([...args, '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as JsonReport;
  };

  it('follows a cluster client and key builders imported from other modules, and a route handler into a repository in another file', () => {
    const report = lint('src');
    expect(findingLines(report)).toEqual(['src/app.ts:5 no-crossslot', 'src/repo.ts:4 no-unbounded-reads']);
    const [crossSlot] = report.files.find((file) => file.file.endsWith('app.ts'))!.findings;
    expect(crossSlot!.message).toContain('MGET on a cluster client touches "user:${id}" and "orders:${id}"');
    const [unbounded] = report.files.find((file) => file.file.endsWith('repo.ts'))!.findings;
    expect(unbounded!.message).toContain('HGETALL in loadUser(), called from the Express handler for GET /users/:id');
  });

  it('still sees the handler in another file when only the repository is linted (the files that import it are analyzed too)', () => {
    const report = lint('src/repo.ts');
    expect(findingLines(report)).toEqual(['src/repo.ts:4 no-unbounded-reads']);
    expect(report.files.map((file) => file.file)).toEqual(['src/repo.ts']);
  });

  it('finds none of the three without type information (they need the other files)', () => {
    expect(findingLines(lint('src', '--no-type-check'))).toEqual([]);
  });
});
