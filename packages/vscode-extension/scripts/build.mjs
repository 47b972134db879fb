// Bundles the extension (client) and the language server (with the engine and TypeScript) into dist/.
// The server entry is the language server's built bin: `vscode:prepublish` runs `tsc -b` before this.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await build({ ...common, entryPoints: [path.join(root, 'src', 'extension.ts')], outfile: path.join(dist, 'extension.cjs'), external: ['vscode'] });

/**
 * The engine and the server load TypeScript with `import ts = require('typescript')`, which tsc emits
 * as `createRequire(import.meta.url)("typescript")`: opaque to esbuild, and `import.meta` is empty in
 * a CommonJS bundle. Turned back into plain `require` calls, TypeScript is bundled like any module.
 */
const plainRequires = {
  name: 'plain-requires',
  setup(context) {
    context.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('_createRequire(import.meta.url)')) return undefined;
      const contents = source.replace(/^import \{ createRequire as _createRequire \} from "module";\nconst __require = _createRequire\(import\.meta\.url\);\n/m, '').replace(/\b__require\(/g, 'require(');
      return { contents, loader: 'js' };
    });
  },
};

const serverPackage = path.dirname(require.resolve('@redis-lint/language-server/package.json'));
await build({ ...common, entryPoints: [path.join(serverPackage, 'dist', 'bin.js')], outfile: path.join(dist, 'server.cjs'), plugins: [plainRequires] });

// The bundled TypeScript looks for its default libraries (lib.es2022.d.ts…) beside the running file.
const typeScriptLib = path.dirname(require.resolve('typescript'));
let libraries = 0;
for (const file of readdirSync(typeScriptLib)) {
  if (/^lib\..*\.d\.ts$/.test(file)) {
    copyFileSync(path.join(typeScriptLib, file), path.join(dist, file));
    libraries++;
  }
}
console.log(`dist/extension.cjs, dist/server.cjs and ${libraries} TypeScript libraries written${production ? ' (production)' : ''}.`);
