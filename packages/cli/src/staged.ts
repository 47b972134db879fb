import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isSourceFile } from './files.js';
import { UsageError } from './usage-error.js';

/** Absolute paths of the source files staged in git (added, copied, modified, renamed; not deleted). */
export function stagedFiles(cwd: string): string[] {
  let top: string;
  let names: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
    names = git(cwd, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z']);
  } catch (error) {
    throw new UsageError(`--staged needs a git repository: ${(error as Error).message.split('\n')[0]}`);
  }
  return names
    .split('\0')
    .filter((name) => name !== '' && isSourceFile(name))
    .map((name) => path.join(top, name))
    .sort();
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
