import path from 'node:path';
import ts = require('typescript');
import { readManifest, unlinkedWorkspacePackage } from './workspace-packages.js';

type ResolveLiterals = NonNullable<ts.CompilerHost['resolveModuleNameLiterals']>;

/**
 * A compiler host's module resolution that also finds workspace packages no `node_modules` links:
 * on a fresh clone of a monorepo, `import { redis } from '@acme/redis'` in an app resolves to the
 * package's own source, as the install's link would, so its client is known where the app uses it.
 */
export function workspaceModuleResolver(host: ts.ModuleResolutionHost & { getCurrentDirectory(): string; getCanonicalFileName(fileName: string): string }, options: ts.CompilerOptions): ResolveLiterals {
  const cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (fileName) => host.getCanonicalFileName(fileName), options);
  return (literals, containingFile, redirectedReference, compilerOptions, containingSourceFile) =>
    literals.map((literal) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions);
      const resolved = ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, cache, redirectedReference, mode);
      return withWorkspacePackage(resolved, literal.text, containingFile, compilerOptions, host);
    });
}

/** TypeScript's resolution of `moduleName`, or, when it found nothing, the unlinked workspace package's source. */
export function withWorkspacePackage(
  resolved: ts.ResolvedModuleWithFailedLookupLocations,
  moduleName: string,
  containingFile: string,
  options: ts.CompilerOptions,
  host: ts.ModuleResolutionHost,
): ts.ResolvedModuleWithFailedLookupLocations {
  if (resolved.resolvedModule || moduleName.startsWith('.') || path.isAbsolute(moduleName) || moduleName.startsWith('node:')) return resolved;
  const parts = moduleName.split('/');
  const nameLength = moduleName.startsWith('@') ? 2 : 1;
  if (parts.length < nameLength) return resolved;
  const dir = unlinkedWorkspacePackage(path.dirname(containingFile), parts.slice(0, nameLength).join('/'));
  if (!dir) return resolved;
  const manifestFile = path.join(dir, 'package.json');
  for (const entry of entriesOf(dir, parts.slice(nameLength).join('/'))) {
    const relative = `./${entry.replace(/^\.\//, '').replace(/(\.d)?\.[cm]?[jt]sx?$/, '')}`;
    const found = ts.resolveModuleName(relative, manifestFile, options, host).resolvedModule;
    if (found) return { resolvedModule: { ...found, isExternalLibraryImport: false } };
  }
  return resolved;
}

/** Where a package's entry (or `subpath`) may be: its `exports`, `types` and `main`, then its sources' usual places. */
function entriesOf(dir: string, subpath: string): string[] {
  const manifest = readManifest(dir);
  const entries: string[] = [];
  const exported = manifest?.exports;
  const key = subpath ? `./${subpath}` : '.';
  if (typeof exported === 'string' && !subpath) entries.push(exported);
  else if (exported && typeof exported === 'object') {
    const map = exported as Record<string, unknown>;
    // `{ ".": …, "./client": … }` maps subpaths; `{ "import": …, "types": … }` is the entry's conditions.
    const value = Object.keys(map).some((name) => name.startsWith('.')) ? map[key] : subpath ? undefined : map;
    entries.push(...conditionTargets(value));
  }
  if (!subpath) {
    for (const field of ['types', 'typings', 'module', 'main']) {
      const value = manifest?.[field];
      if (typeof value === 'string') entries.push(value);
    }
  }
  entries.push(...(subpath ? [`src/${subpath}`, subpath] : ['src/index', 'index']));
  return entries;
}

/** The paths of an `exports` entry, through its conditions (`types`, `import`, `default`…). */
function conditionTargets(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value.startsWith('.') ? [value] : [];
  if (!value || typeof value !== 'object' || depth > 3) return [];
  return Object.values(value as Record<string, unknown>).flatMap((inner) => conditionTargets(inner, depth + 1));
}

/** A project's program as the hosts build it (a fresh compiler host, workspace packages resolved), for tools and tests that need no cache. */
export function createProjectProgram(input: { rootNames: readonly string[]; options: ts.CompilerOptions; projectReferences?: readonly ts.ProjectReference[] | undefined }): ts.Program {
  const host = ts.createCompilerHost(input.options);
  host.resolveModuleNameLiterals = workspaceModuleResolver(host, input.options);
  return ts.createProgram({ rootNames: input.rootNames, options: input.options, projectReferences: input.projectReferences, host });
}
