import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TypeScriptService, type OpenFile } from '../src/typescript-service.js';

let dir: string;

beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-ts-service-')));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', noEmit: true }, include: ['src'] }));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('TypeScriptService', () => {
  it('overlays open documents, and sees a file changed on disk from the first update a second later', { timeout: 20_000 }, () => {
    const app = path.join(dir, 'src/app.ts');
    const helper = path.join(dir, 'src/helper.ts');
    fs.writeFileSync(helper, 'export const name = "one";\n');
    fs.writeFileSync(app, 'export {};\n');
    const open = new Map<string, OpenFile>([[app, { text: "import { name } from './helper.js';\nexport const b = name;\n", version: 1 }]]);
    let now = 0;
    const service = new TypeScriptService((fileName) => open.get(fileName), () => undefined, () => now);
    const helperText = (): string | undefined => service.typedFile(app, dir)?.program.getSourceFile(helper)?.text;

    expect(service.typedFile(app, dir)?.sourceFile.text).toBe(open.get(app)!.text);
    expect(helperText()).toBe('export const name = "one";\n');

    fs.writeFileSync(helper, 'export const name = "two";\n');
    fs.utimesSync(helper, new Date(), new Date(Date.now() + 5_000));
    open.set(app, { text: `${open.get(app)!.text}// typing\n`, version: 2 });
    // A burst of edits does not stat every file of the project again.
    expect(service.typedFile(app, dir)?.sourceFile.text).toBe(open.get(app)!.text);
    expect(helperText()).toBe('export const name = "one";\n');

    now += 999;
    expect(helperText()).toBe('export const name = "one";\n');
    now += 1;
    expect(helperText()).toBe('export const name = "two";\n');
    service.dispose();
  });
});
