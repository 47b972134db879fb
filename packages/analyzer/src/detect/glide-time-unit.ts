import ts = require('typescript');

const GLIDE_MODULE = '@valkey/valkey-glide';

/**
 * How the file can name GLIDE's `TimeUnit` enum (`TimeUnit`, a renamed import, `glide.TimeUnit`), or
 * undefined when it does not import it: a string enum, so an edit that writes `'EX'` instead would not type-check.
 */
export function glideTimeUnit(sourceFile: ts.SourceFile): string | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== GLIDE_MODULE) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || statement.importClause?.isTypeOnly) continue;
    if (ts.isNamespaceImport(bindings)) return `${bindings.name.text}.TimeUnit`;
    const specifier = bindings.elements.find((element) => !element.isTypeOnly && (element.propertyName ?? element.name).text === 'TimeUnit');
    if (specifier) return specifier.name.text;
  }
  return undefined;
}
