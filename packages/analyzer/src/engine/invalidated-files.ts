import ts = require('typescript');

/** `Program.forEachResolvedModule`: internal to TypeScript (5.3+), so feature-tested. */
type ForEachResolvedModule = (callback: (resolution: ts.ResolvedModuleWithFailedLookupLocations, moduleName: string, mode: ts.ResolutionMode, filePath: ts.Path) => void) => void;

/**
 * The files of `program` whose models, built for `previous`, may no longer hold: the files whose
 * `SourceFile` changed and every file that imports one of them, directly or not (a model resolves
 * receivers and callees through imports with the checker). `undefined` when an edit reaches past
 * what imports tell — other compiler options, files added or removed, a declaration file, a global
 * script or a module augmentation changed — and every model must be built anew.
 */
export function invalidatedFiles(previous: ts.Program, program: ts.Program): Set<ts.SourceFile> | undefined {
  if (previous.getCompilerOptions() !== program.getCompilerOptions()) return undefined;
  const before = previous.getSourceFiles();
  const after = program.getSourceFiles();
  if (before.length !== after.length) return undefined;
  const byName = new Map(before.map((sourceFile) => [sourceFile.fileName, sourceFile]));
  const changed: ts.SourceFile[] = [];
  for (const sourceFile of after) {
    const old = byName.get(sourceFile.fileName);
    if (old === sourceFile) continue;
    if (!old || sourceFile.isDeclarationFile || affectsGlobalScope(old) || affectsGlobalScope(sourceFile)) return undefined;
    changed.push(sourceFile);
  }
  if (changed.length === 0) return new Set();
  const importers = importersOf(program);
  if (!importers) return undefined;
  const invalid = new Set(changed);
  for (const queue = [...changed]; queue.length > 0; ) {
    for (const importer of importers.get(queue.pop()!) ?? []) {
      if (invalid.has(importer)) continue;
      invalid.add(importer);
      queue.push(importer);
    }
  }
  return invalid;
}

/** Who imports whom, from the module resolutions the program made (imports, re-exports, `require`, `import()` types). */
function importersOf(program: ts.Program): Map<ts.SourceFile, ts.SourceFile[]> | undefined {
  const forEachResolvedModule = (program as ts.Program & { forEachResolvedModule?: ForEachResolvedModule }).forEachResolvedModule;
  if (typeof forEachResolvedModule !== 'function') return undefined;
  const importers = new Map<ts.SourceFile, ts.SourceFile[]>();
  forEachResolvedModule((resolution, _moduleName, _mode, filePath) => {
    const resolvedFileName = resolution.resolvedModule?.resolvedFileName;
    const imported = resolvedFileName === undefined ? undefined : program.getSourceFile(resolvedFileName);
    const importer = program.getSourceFileByPath(filePath);
    if (!imported || !importer) return;
    const list = importers.get(imported);
    if (list) list.push(importer);
    else importers.set(imported, [importer]);
  });
  return importers;
}

/** A script's declarations are global, and `declare global` or `declare module 'x'` reach files that never import this one. */
function affectsGlobalScope(sourceFile: ts.SourceFile): boolean {
  const commonJs = (sourceFile as ts.SourceFile & { commonJsModuleIndicator?: ts.Node }).commonJsModuleIndicator !== undefined;
  if (!ts.isExternalModule(sourceFile) && !commonJs) return true;
  return sourceFile.statements.some((statement) => ts.isModuleDeclaration(statement) && (ts.isStringLiteral(statement.name) || statement.name.text === 'global'));
}
