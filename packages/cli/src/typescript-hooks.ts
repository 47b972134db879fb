/**
 * Module hooks (`module.register`) for the CLI process. Node 20 imports the 9 MB CommonJS
 * `typescript.js` from ES modules by compiling it once to detect its format, once to run it and
 * once more to find its named exports (about three times the cost of `require`). Every import of
 * TypeScript in the engine and the CLI is a default import, so the file is served to ES modules as a
 * one-line module that `require`s it.
 */
const TYPESCRIPT_MAIN = /\/node_modules\/typescript\/lib\/typescript\.js$/;

interface LoadContext {
  format?: string | null | undefined;
}

interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | Uint8Array | null | undefined;
  shortCircuit?: boolean;
}

export async function load(url: string, context: LoadContext, nextLoad: (url: string, context: LoadContext) => Promise<LoadResult>): Promise<LoadResult> {
  if (!TYPESCRIPT_MAIN.test(url)) return nextLoad(url, context);
  const source = `import { createRequire } from 'node:module';\nimport { fileURLToPath } from 'node:url';\nexport default createRequire(import.meta.url)(fileURLToPath(import.meta.url));\n`;
  return { format: 'module', source, shortCircuit: true };
}
