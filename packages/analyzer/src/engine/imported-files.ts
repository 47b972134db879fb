import ts = require('typescript');

/** `Program#forEachResolvedModule` is public at runtime since TypeScript 5.3 but not in the typings. */
type ResolvedModuleVisitor = (callback: (resolution: { resolvedModule?: { resolvedFileName: string } }, moduleName: string) => void, file: ts.SourceFile) => void;

const imported = new WeakMap<ts.Program, ReadonlySet<string>>();

/**
 * The files of a program that another of its files imports: a function exported from any other file
 * has no caller in sight (a module of a larger project seen alone, a library's entry). A barrel that only
 * re-exports a module (`export { Driver } from './Driver'`) hands it on: the module is imported when the barrel is.
 */
export function filesImportedByOthers(program: ts.Program, own: readonly ts.SourceFile[]): ReadonlySet<string> {
  let found = imported.get(program);
  if (found) return found;
  const names = new Set<string>();
  const barrels = new Map<string, string[]>();
  const forEachResolvedModule = (program as ts.Program & { forEachResolvedModule?: ResolvedModuleVisitor }).forEachResolvedModule?.bind(program);
  for (const sourceFile of own) {
    const handedOn = reExportedOnly(sourceFile);
    forEachResolvedModule?.(({ resolvedModule }, moduleName) => {
      const target = resolvedModule && program.getSourceFile(resolvedModule.resolvedFileName)?.fileName;
      if (target === undefined || target === sourceFile.fileName) return;
      if (!handedOn.has(moduleName)) names.add(target);
      else barrels.set(target, [...(barrels.get(target) ?? []), sourceFile.fileName]);
    }, sourceFile);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [target, through] of barrels) {
      if (names.has(target) || !through.some((barrel) => names.has(barrel))) continue;
      names.add(target);
      grew = true;
    }
  }
  found = names;
  imported.set(program, found);
  return found;
}

/** The module names a file names only in `export … from` declarations, never in an import, `require` or `import()`. */
function reExportedOnly(sourceFile: ts.SourceFile): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) names.add(statement.moduleSpecifier.text);
  }
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) names.delete(statement.moduleSpecifier.text);
  }
  for (const name of names) {
    const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`\\b(require|import)\\s*\\(\\s*['"\`]${quoted}['"\`]`).test(sourceFile.text)) names.delete(name);
  }
  return names;
}
