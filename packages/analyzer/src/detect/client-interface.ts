import ts = require('typescript');
import { libraryOfModule, type ClientLibrary } from './client-library.js';

/** The client types of the client packages, as a project names them where it imports them. */
const CLIENT_TYPE = /^(Redis|Cluster|IORedis|RedisClientType|RedisClusterType|RedisClient|RedisCluster|RedisClientPoolType|GlideClient|GlideClusterClient|default)$/;

/**
 * The client package whose client type a project interface extends, directly (through `Omit`, `Pick`…)
 * or through other interfaces of the project: `interface AppRedis extends Omit<RedisClientType, 'get'>`,
 * `interface SysRedis extends AppRedis<SysKey> {}`. Read off the `extends` clauses, so it holds on a fresh
 * clone too, where the client package's own types do not resolve.
 */
export function libraryOfClientInterface(type: ts.Type, checker: ts.TypeChecker, depth = 0): ClientLibrary | undefined {
  if (depth > 4) return undefined;
  const declaration = type.getSymbol()?.declarations?.find(ts.isInterfaceDeclaration);
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  const named = importedClientTypeIn(declaration);
  if (named) return named;
  const target = (type as ts.TypeReference).target ?? type;
  const bases = target.isClassOrInterface() ? checker.getBaseTypes(target) : [];
  for (const base of bases) {
    const library = libraryOfClientInterface(base, checker, depth + 1);
    if (library) return library;
  }
  return undefined;
}

function importedClientTypeIn(declaration: ts.InterfaceDeclaration): ClientLibrary | undefined {
  const imported = clientTypeImports(declaration.getSourceFile());
  if (imported.size === 0) return undefined;
  let found: ClientLibrary | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && imported.has(node.text)) found = imported.get(node.text);
    else ts.forEachChild(node, visit);
  };
  for (const clause of declaration.heritageClauses ?? []) visit(clause);
  return found;
}

/** The local names of the client types (or client namespaces) a file imports from a client package. */
function clientTypeImports(sourceFile: ts.SourceFile): Map<string, ClientLibrary> {
  const names = new Map<string, ClientLibrary>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const library = libraryOfModule(statement.moduleSpecifier.text);
    const clause = statement.importClause;
    if (!library || !clause) continue;
    if (clause.name) names.set(clause.name.text, library);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.set(bindings.name.text, library);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) if (CLIENT_TYPE.test((element.propertyName ?? element.name).text)) names.set(element.name.text, library);
    }
  }
  return names;
}
