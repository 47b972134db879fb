import type ts from 'typescript';

/** `Program#forEachResolvedModule` is public at runtime since TypeScript 5.3 but not in the typings. */
type ResolvedModuleVisitor = (callback: (resolution: { resolvedModule?: { resolvedFileName: string } }) => void, file: ts.SourceFile) => void;

interface ImportEdges {
  imports: Map<ts.SourceFile, Set<ts.SourceFile>>;
  importedBy: Map<ts.SourceFile, Set<ts.SourceFile>>;
}

const edgesByProgram = new WeakMap<ts.Program, ImportEdges>();

/**
 * The project files that run in one process with `sourceFile` as far as imports show: those it
 * imports, directly or not, and those that import it. Every one of them is a file whose change a
 * cache of `sourceFile`'s findings already follows (its importers and everything they import).
 */
export function linkedFiles(program: ts.Program, own: readonly ts.SourceFile[], sourceFile: ts.SourceFile): Set<ts.SourceFile> {
  const { imports, importedBy } = edgesOf(program, own);
  const linked = new Set<ts.SourceFile>();
  for (const edges of [imports, importedBy]) {
    const seen = new Set<ts.SourceFile>([sourceFile]);
    const stack = [sourceFile];
    while (stack.length > 0) {
      for (const next of edges.get(stack.pop()!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        linked.add(next);
        stack.push(next);
      }
    }
  }
  linked.delete(sourceFile);
  return linked;
}

/** The project files that import `sourceFile` themselves. */
export function directImporters(program: ts.Program, own: readonly ts.SourceFile[], sourceFile: ts.SourceFile): ReadonlySet<ts.SourceFile> {
  return edgesOf(program, own).importedBy.get(sourceFile) ?? new Set();
}

function edgesOf(program: ts.Program, own: readonly ts.SourceFile[]): ImportEdges {
  let edges = edgesByProgram.get(program);
  if (edges) return edges;
  edges = { imports: new Map(), importedBy: new Map() };
  const ownFiles = new Set(own);
  const forEachResolvedModule = (program as ts.Program & { forEachResolvedModule?: ResolvedModuleVisitor }).forEachResolvedModule?.bind(program);
  for (const importer of own) {
    forEachResolvedModule?.(({ resolvedModule }) => {
      const imported = resolvedModule && program.getSourceFile(resolvedModule.resolvedFileName);
      if (!imported || imported === importer || !ownFiles.has(imported)) return;
      add(edges!.imports, importer, imported);
      add(edges!.importedBy, imported, importer);
    }, importer);
  }
  edgesByProgram.set(program, edges);
  return edges;
}

function add(map: Map<ts.SourceFile, Set<ts.SourceFile>>, from: ts.SourceFile, to: ts.SourceFile): void {
  const set = map.get(from);
  if (set) set.add(to);
  else map.set(from, new Set([to]));
}
