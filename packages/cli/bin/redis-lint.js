#!/usr/bin/env node
// npm links this committed file at install time, before `npm run build` has written the bundle it runs.
import { existsSync } from 'node:fs';

const bundle = new URL('../bundle/bin.js', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write('redis-lint: not built yet (no bundle/bin.js). Run `npm run build` at the root of the redis-lint repository.\n');
  process.exitCode = 2;
}
