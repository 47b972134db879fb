import ts = require('typescript');

const cache = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/**
 * Local names a call of this file may construct a client under besides the factories' own names:
 * renamed imports (`import { createClient as make }`, `const { createClient: make } = require(…)`)
 * and bindings imported from the project's own modules, which may re-export a factory
 * (`export { createClient as nodeRedisCreateClient } from 'redis'` in a `dependencies.ts`).
 */
export function aliasedFactoryNames(sourceFile: ts.SourceFile, factoryNames: ReadonlySet<string>): ReadonlySet<string> {
  let names = cache.get(sourceFile);
  if (names) return names;
  const found = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.importClause) {
      const local = statement.moduleSpecifier.text.startsWith('.');
      const bindings = statement.importClause.namedBindings;
      if (local && statement.importClause.name) found.add(statement.importClause.name.text);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          if (local || (element.propertyName && factoryNames.has(element.propertyName.text))) found.add(element.name.text);
        }
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isObjectBindingPattern(declaration.name)) continue;
        for (const element of declaration.name.elements) {
          if (element.propertyName && ts.isIdentifier(element.propertyName) && factoryNames.has(element.propertyName.text) && ts.isIdentifier(element.name)) found.add(element.name.text);
        }
      }
    }
  }
  cache.set(sourceFile, (names = found));
  return names;
}
