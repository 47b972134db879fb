#!/usr/bin/env node
import { register } from 'node:module';
import { main } from './main.js';

/** Before anything imports TypeScript (see typescript-hooks.ts), and only then: a run answered from the cache never pays for the hooks' thread. */
function registerTypeScriptHooks(): void {
  try {
    register('./typescript-hooks.js', import.meta.url);
  } catch {
    // Hooks unavailable (an embedder without module.register): TypeScript loads the usual way, only slower.
  }
}

process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }, { beforeEngineLoad: registerTypeScriptHooks });
