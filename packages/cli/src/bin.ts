#!/usr/bin/env node
import { register } from 'node:module';

try {
  // Before anything imports TypeScript: see typescript-hooks.ts. Without the hooks it is only slower.
  register('./typescript-hooks.js', import.meta.url);
} catch {
  // Hooks unavailable (an embedder without module.register): load TypeScript the usual way.
}
const { main } = await import('./main.js');

process.exitCode = main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
