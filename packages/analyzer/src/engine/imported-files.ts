import type ts from 'typescript';

/** `Program#forEachResolvedModule` is public at runtime since TypeScript 5.3 but not in the typings. */
type ResolvedModuleVisitor = (callback: (resolution: { resolvedModule?: { resolvedFileName: string } }) => void, file: ts.SourceFile) => void;

const imported = new WeakMap<ts.Program, ReadonlySet<string>>();

/**
 * The files of a program that another of its files imports: a function exported from any other file
 * has no caller in sight (a module of a larger project seen alone, a library's entry).
 */
export function filesImportedByOthers(program: ts.Program, own: readonly ts.SourceFile[]): ReadonlySet<string> {
  let found = imported.get(program);
  if (found) return found;
  const names = new Set<string>();
  const forEachResolvedModule = (program as ts.Program & { forEachResolvedModule?: ResolvedModuleVisitor }).forEachResolvedModule?.bind(program);
  for (const sourceFile of own) {
    forEachResolvedModule?.(({ resolvedModule }) => {
      const target = resolvedModule && program.getSourceFile(resolvedModule.resolvedFileName)?.fileName;
      if (target !== undefined && target !== sourceFile.fileName) names.add(target);
    }, sourceFile);
  }
  found = names;
  imported.set(program, found);
  return found;
}
