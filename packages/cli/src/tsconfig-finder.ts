import fs from 'node:fs';
import path from 'node:path';

/** The nearest `tsconfig.json` above each file (typed mode's projects), remembered per directory. */
export class TsconfigFinder {
  private readonly tsconfigByDir = new Map<string, string | undefined>();

  /** The nearest `tsconfig.json` above `file`, or undefined. */
  tsconfigFor(file: string): string | undefined {
    return this.tsconfigIn(path.dirname(file));
  }

  /** Indexes of `files` by the tsconfig above them, and those no tsconfig covers. */
  group(files: readonly string[]): { groups: Map<string, number[]>; outside: number[] } {
    const groups = new Map<string, number[]>();
    const outside: number[] = [];
    files.forEach((file, index) => {
      const tsconfig = this.tsconfigFor(file);
      if (tsconfig === undefined) outside.push(index);
      else {
        const group = groups.get(tsconfig);
        if (group) group.push(index);
        else groups.set(tsconfig, [index]);
      }
    });
    return { groups, outside };
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
