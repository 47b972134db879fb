import ts = require('typescript');

/**
 * Parses a file for the engine, script kind from the extension. Parent pointers are left to the
 * engine's detection walk, which sets them as it goes instead of walking the tree twice.
 */
export function parseFile(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindOf(fileName));
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/i.test(fileName)) return ts.ScriptKind.TS;
  if (/\.jsx$/i.test(fileName)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** TypeScript's "File appears to be binary." */
export const BINARY_FILE_DIAGNOSTIC = 1490;

/** Syntax errors the parser recovered from, with TypeScript's diagnostic code; hosts report them once per file. */
export function syntaxErrors(sourceFile: ts.SourceFile): Array<{ start: number; code: number; message: string }> {
  const diagnostics = (sourceFile as ts.SourceFile & { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diagnostics.map((diagnostic) => ({ start: diagnostic.start, code: diagnostic.code, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') }));
}
