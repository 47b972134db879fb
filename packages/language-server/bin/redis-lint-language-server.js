#!/usr/bin/env node
// npm links this committed file at install time, before `npm run build` has written the server it runs.
import { existsSync } from 'node:fs';

const server = new URL('../dist/bin.js', import.meta.url);
if (existsSync(server)) {
  await import(server.href);
} else {
  // stderr: stdout may be the LSP channel.
  process.stderr.write('redis-lint-language-server: not built yet (no dist/bin.js). Run `npm run build` at the root of the redis-lint repository.\n');
  process.exitCode = 2;
}
