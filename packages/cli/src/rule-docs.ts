import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_DIR } from './package-info.js';

/**
 * `docs/rules/<id>.md`: copied into the package by `prepack` so the published CLI has them, read
 * from the repository's `docs/` in a checkout. Undefined when neither has the page.
 */
export function ruleDocs(ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  for (const dir of [path.join(PACKAGE_DIR, 'docs', 'rules'), path.join(PACKAGE_DIR, '..', '..', 'docs', 'rules')]) {
    try {
      return fs.readFileSync(path.join(dir, `${ruleId}.md`), 'utf8');
    } catch {
      // Not in this location; try the next.
    }
  }
  return undefined;
}
