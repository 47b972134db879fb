// Bundles the built CLI (dist/, from `tsc -b`) with the engine into bundle/, the files `redis-lint`
// runs. Node 20 resolves, reads and compiles each ES module on its own: the ~150 modules of the CLI
// and the engine cost about a fifth of a cached run and a tenth of a cold one; one file per entry
// (bin, the worker thread, and the engine's half, loaded only when a file must be analyzed) does not.
// The other packages the CLI depends on stay external, so `npm install` keeps resolving them.
import { build } from 'esbuild';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const analyzerManifest = JSON.parse(fs.readFileSync(new URL('../../analyzer/package.json', import.meta.url), 'utf8'));
// `ignore` is bundled too: a CommonJS package imported from an ES module is lexed for its exports on every start.
const external = [...Object.keys(manifest.peerDependencies ?? {}), ...Object.keys(manifest.dependencies ?? {}), ...Object.keys(analyzerManifest.dependencies ?? {})].filter(
  (name) => name !== '@redis-lint/analyzer' && name !== '@redis-lint/keyspace' && name !== 'ignore',
);
// `@redis-lint/keyspace/facts` (the stylish reporter renders facts on every run) is bundled; the
// sampler, `@redis-lint/keyspace` itself, stays a package of its own that resolves its Redis client.
const keyspaceSampler = {
  name: 'keyspace-sampler',
  setup(context) {
    context.onResolve({ filter: /^@redis-lint\/keyspace$/ }, (args) => ({ path: args.path, external: true }));
  },
};

fs.rmSync(new URL('../bundle', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // One level below the package, like dist/: `new URL('../package.json', import.meta.url)` still finds the package.
  outdir: 'bundle',
  entryPoints: { bin: 'dist/bin.js', 'analyze-worker': 'dist/analyze-worker.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  plugins: [keyspaceSampler],
  sourcemap: 'linked',
  logLevel: 'warning',
});
