import ts from 'typescript';

/** A `ts.Program` over in-memory files only: no `node_modules`, as on a fresh clone. */
export function inMemoryProgram(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, allowJs: true };
  const host = ts.createCompilerHost(options, true);
  const read = (fileName: string): string | undefined => files[fileName.replace(/^\/+/, '')] ?? files[fileName];
  host.getSourceFile = (fileName, languageVersion) => {
    const text = read(fileName) ?? (fileName.includes('lib.') ? ts.sys.readFile(fileName) : undefined);
    return text === undefined ? undefined : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  host.fileExists = (fileName) => read(fileName) !== undefined || (fileName.includes('lib.') && ts.sys.fileExists(fileName));
  host.readFile = (fileName) => read(fileName) ?? ts.sys.readFile(fileName);
  host.getCurrentDirectory = () => '/';
  return ts.createProgram(Object.keys(files).map((name) => `/${name}`), options, host);
}
