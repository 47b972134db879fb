import ts = require('typescript');
import type { ClientSite } from './client-site.js';
import { isExportedLater } from './exported-api.js';

/** Names that say a connection has one job (subscribing, blocking reads), not general use. */
const DEDICATED_NAME = /sub|listen|consum|block|worker|watch|reader|stream|bus|events/i;

/**
 * The exported name of the module's one connection, when the module hands it to the rest of the app:
 * an exported module-scope `const` with a general name, in a module that opens no other connection. The app's other modules take that connection for their ordinary commands.
 */
export function sharedModuleClientName(site: ClientSite, clientsOfModule: readonly ClientSite[]): string | undefined {
  if (site.kind !== 'client' || site.storage !== 'module') return undefined;
  const sourceFile = site.node.getSourceFile();
  if (clientsOfModule.some((other) => other !== site && other.node.getSourceFile() === sourceFile)) return undefined;
  const declaration = site.node.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  const statement = declaration.parent.parent;
  if (!ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
  const name = declaration.name.text;
  if (DEDICATED_NAME.test(name)) return undefined;
  const exported = ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) || isExportedLater(name, sourceFile);
  return exported ? name : undefined;
}
