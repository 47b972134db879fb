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

  it("gives a file no config includes its package's inferred program, open documents it does not list too, until a config takes it", { timeout: 20_000 }, () => {
    const pkg = path.join(dir, 'worker');
    fs.mkdirSync(pkg);
    fs.writeFileSync(path.join(pkg, 'package.json'), '{}');
    const client = path.join(pkg, 'redis.js');
    fs.writeFileSync(client, "module.exports = { redis: {} };\n");
    // Not on disk yet: only the editor has it.
    const unsaved = path.join(pkg, 'jobs.js');
    const open = new Map<string, OpenFile>([[unsaved, { text: "const { redis } = require('./redis');\n", version: 1 }]]);
    const logs: string[] = [];
    const service = new TypeScriptService((fileName) => open.get(fileName), (message) => logs.push(message));

    const typed = service.typedFile(unsaved, dir);
    expect(typed?.project).toEqual({ kind: 'inferred', configFile: undefined, root: pkg, key: `inferred:${pkg}` });
    expect(typed?.sourceFile.text).toBe(open.get(unsaved)!.text);
    expect(typed?.program.getRootFileNames()).toEqual([client, unsaved]);
    expect(service.typedFile(client, dir)?.program).toBe(typed?.program);
    expect(logs.filter((log) => log.includes(' project '))).toEqual([expect.stringMatching(new RegExp(`project inferred from ${pkg}: 1 files\\.$`))]);

    // A jsconfig appears: the project model is asked anew.
    const jsconfig = path.join(pkg, 'jsconfig.json');
    fs.writeFileSync(jsconfig, JSON.stringify({ include: ['*.js'] }));
    service.invalidate(jsconfig);
    expect(service.typedFile(client, dir)?.project).toMatchObject({ kind: 'jsconfig', configFile: jsconfig, key: jsconfig });
    service.dispose();
  });
});
