import ts = require('typescript');
import { clientTypeNamed, libraryOfModule, type ClientLibrary } from './client-library.js';

interface InterfaceClient {
  library: ClientLibrary;
  cluster: boolean;
}

/**
 * The client whose type a project interface extends, directly (through `Omit`, `Pick`…) or through
 * other interfaces of the project: `interface AppRedis extends Omit<RedisClientType, 'get'>`,
 * `interface SysRedis extends AppRedis<SysKey> {}`. Read off the `extends` clauses, so it holds on a fresh
 * clone too, where the client package's own types do not resolve.
 */
export function clientOfProjectInterface(type: ts.Type, checker: ts.TypeChecker, depth = 0): InterfaceClient | undefined {
  if (depth > 4) return undefined;
  const declaration = type.getSymbol()?.declarations?.find(ts.isInterfaceDeclaration);
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  const named = importedClientTypeIn(declaration);
  if (named) return named;
  const target = (type as ts.TypeReference).target ?? type;
  const bases = target.isClassOrInterface() ? checker.getBaseTypes(target) : [];
  for (const base of bases) {
    const client = clientOfProjectInterface(base, checker, depth + 1);
    if (client) return client;
  }
  return undefined;
}

function importedClientTypeIn(declaration: ts.InterfaceDeclaration): InterfaceClient | undefined {
  const imported = clientTypeImports(declaration.getSourceFile());
  if (imported.size === 0) return undefined;
  let found: InterfaceClient | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && imported.has(node.text)) found = imported.get(node.text);
    else ts.forEachChild(node, visit);
  };
  for (const clause of declaration.heritageClauses ?? []) visit(clause);
  return found;
}

/** The local names of the client types (or client namespaces) a file imports from a client package. */
function clientTypeImports(sourceFile: ts.SourceFile): Map<string, InterfaceClient> {
  const names = new Map<string, InterfaceClient>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const library = libraryOfModule(statement.moduleSpecifier.text);
    const clause = statement.importClause;
    if (!library || !clause) continue;
    if (clause.name) names.set(clause.name.text, { library, cluster: false });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.set(bindings.name.text, { library, cluster: false });
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        const known = clientTypeNamed((element.propertyName ?? element.name).text, library);
        if (known) names.set(element.name.text, { library, cluster: known.cluster });
      }
    }
  }
  return names;
}
