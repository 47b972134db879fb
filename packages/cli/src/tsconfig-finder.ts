import fs from 'node:fs';
import path from 'node:path';

/** The nearest `tsconfig.json` above each file (typed mode's projects), remembered per directory. */
export class TsconfigFinder {
  private readonly tsconfigByDir = new Map<string, string | undefined>();

  /** The nearest `tsconfig.json` above `file`, or undefined. */
  tsconfigFor(file: string): string | undefined {
    return this.tsconfigIn(path.dirname(file));
  }

  private tsconfigIn(dir: string): string | undefined {
    if (this.tsconfigByDir.has(dir)) return this.tsconfigByDir.get(dir);
    const candidate = path.join(dir, 'tsconfig.json');
    const parent = path.dirname(dir);
    const found = fs.existsSync(candidate) ? candidate : parent === dir ? undefined : this.tsconfigIn(parent);
    this.tsconfigByDir.set(dir, found);
    return found;
  }
}
