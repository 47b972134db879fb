import fs from 'node:fs';
import path from 'node:path';

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/**
 * Node-only, without TypeScript (a cached run loads none): the nearest tsconfig.json or
 * jsconfig.json above a folder (tsconfig first in one folder) and the package root (the folder of
 * the nearest package.json), remembered per folder.
 */
export class ProjectLocator {
  private readonly configByDir = new Map<string, string | undefined>();
  private readonly packageRootByDir = new Map<string, string | undefined>();

  /**
   * `stopAt`: a folder no search goes above (an editor's workspace folder). `fallbackRoot`: the
   * inferred root of files with no package.json above them (the run's root); else their own folder.
   */
  constructor(private readonly options: { stopAt?: string | undefined; fallbackRoot?: string | undefined } = {}) {}

  /** The nearest tsconfig.json or jsconfig.json at or above `dir`. */
  nearestConfig(dir: string): string | undefined {
    return this.lookUp(dir, this.configByDir, (candidate) => {
      for (const name of CONFIG_NAMES) {
        const file = path.join(candidate, name);
        if (fs.existsSync(file)) return file;
      }
      return undefined;
    });
  }

  /** The root of the inferred project of a file no config includes. */
  inferredRoot(file: string): string {
    const dir = path.dirname(file);
    return this.lookUp(dir, this.packageRootByDir, (candidate) => (fs.existsSync(path.join(candidate, 'package.json')) ? candidate : undefined)) ?? this.options.fallbackRoot ?? dir;
  }

  private lookUp(dir: string, memo: Map<string, string | undefined>, test: (dir: string) => string | undefined): string | undefined {
    if (memo.has(dir)) return memo.get(dir);
    const stopAt = this.options.stopAt;
    const parent = path.dirname(dir);
    const found = test(dir) ?? (parent === dir || (stopAt !== undefined && dir === stopAt) ? undefined : this.lookUp(parent, memo, test));
    memo.set(dir, found);
    return found;
  }
}

/** The key of the inferred project rooted at `root`, beside config files' paths. */
export function inferredProjectKey(root: string): string {
  return `inferred:${root}`;
}
