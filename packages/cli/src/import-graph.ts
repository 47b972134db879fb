import path from 'node:path';
import ts = require('typescript');

/** `Program#forEachResolvedModule` is public at runtime since TypeScript 5.3 but not in the typings. */
type ResolvedModuleVisitor = (callback: (resolution: { resolvedModule?: { resolvedFileName: string } }) => void, file: ts.SourceFile) => void;

/**
 * Which project sources of a program import which (imports, re-exports, `require`, `import()`,
 * triple-slash references), the files outside `node_modules` the user wrote. What a file's typed
 * findings can depend on is `dependencyClosure`: the files that reach it through imports (their
 * handlers make its functions hot paths) and everything those import (types of clients and keys).
 */
export class ImportGraph {
  private readonly imports = new Map<string, Set<string>>();
  private readonly importedBy = new Map<string, Set<string>>();

  /** Project sources to analyze, by file name. */
  readonly sources: ReadonlyMap<string, ts.SourceFile>;
  /** Declaration files of the project itself and scripts (not modules): every file may see them. */
  readonly ambient: readonly ts.SourceFile[];

  constructor(program: ts.Program) {
    const sources = new Map<string, ts.SourceFile>();
    const ambient: ts.SourceFile[] = [];
    for (const sourceFile of program.getSourceFiles()) {
      if (program.isSourceFileDefaultLibrary(sourceFile) || program.isSourceFileFromExternalLibrary(sourceFile) || /[\\/]node_modules[\\/]/.test(sourceFile.fileName)) continue;
      if (sourceFile.isDeclarationFile) ambient.push(sourceFile);
      else {
        sources.set(sourceFile.fileName, sourceFile);
        if (!ts.isExternalModule(sourceFile) && !isCommonJsModule(sourceFile)) ambient.push(sourceFile);
      }
    }
    this.sources = sources;
    this.ambient = ambient;
    const forEachResolvedModule = (program as ts.Program & { forEachResolvedModule?: ResolvedModuleVisitor }).forEachResolvedModule?.bind(program);
    for (const sourceFile of sources.values()) {
      const targets = new Set<string>();
      const add = (fileName: string | undefined): void => {
        const target = fileName === undefined ? undefined : program.getSourceFile(fileName)?.fileName;
        if (target !== undefined && target !== sourceFile.fileName && sources.has(target)) targets.add(target);
      };
      if (forEachResolvedModule) forEachResolvedModule(({ resolvedModule }) => add(resolvedModule?.resolvedFileName), sourceFile);
      else for (const other of sources.keys()) add(other);
      for (const reference of sourceFile.referencedFiles) add(path.resolve(path.dirname(sourceFile.fileName), reference.fileName));
      this.imports.set(sourceFile.fileName, targets);
      for (const target of targets) {
        let back = this.importedBy.get(target);
        if (!back) this.importedBy.set(target, (back = new Set()));
        back.add(sourceFile.fileName);
      }
    }
    // A script's declarations are global: it and every module can reach each other without an import.
    const scripts = ambient.filter((sourceFile) => !sourceFile.isDeclarationFile).map((sourceFile) => sourceFile.fileName);
    for (const script of scripts) {
      for (const other of sources.keys()) {
        if (other === script) continue;
        this.link(script, other);
        this.link(other, script);
      }
    }
  }

  /** The files that import any of `files`, directly or not, and `files` themselves. */
  importersOf(files: Iterable<string>): Set<string> {
    return this.walk(files, this.importedBy);
  }

  /** Every file whose content can change the typed findings of `file`, sorted. */
  dependencyClosure(file: string): string[] {
    return [...this.walk(this.importersOf([file]), this.imports)].sort();
  }

  private link(from: string, to: string): void {
    this.imports.get(from)?.add(to);
    let back = this.importedBy.get(to);
    if (!back) this.importedBy.set(to, (back = new Set()));
    back.add(from);
  }

  private walk(start: Iterable<string>, edges: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
    const seen = new Set<string>();
    const stack = [...start];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const next of edges.get(file) ?? []) if (!seen.has(next)) stack.push(next);
    }
    return seen;
  }
}

/** A JavaScript file that `require`s or exports through `module.exports` is a module, though TypeScript's flag says so only after binding. */
function isCommonJsModule(sourceFile: ts.SourceFile): boolean {
  return /\.[cm]?jsx?$/.test(sourceFile.fileName) && /\brequire\s*\(|\bmodule\.exports\b|\bexports\.[\w$]+\s*=/.test(sourceFile.text);
}
