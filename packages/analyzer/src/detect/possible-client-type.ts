import ts = require('typescript');
import { libraryOfDeclarationFile } from './client-library.js';

/**
 * Whether a type can be a client once instantiated: it, a member of its union or intersection, or
 * its alias is declared by a client package, or it is a type parameter, `this`, an indexed or a
 * conditional type (which become whatever a call infers). A superset of `clientOfType`.
 */
export function mayBeClientType(type: ts.Type): boolean {
  if (type.flags & ts.TypeFlags.Instantiable) return true;
  if (declaredByClientPackage(type.aliasSymbol) || declaredByClientPackage(type.getSymbol())) return true;
  return type.isUnionOrIntersection() && type.types.some(mayBeClientType);
}

/**
 * Whether a value declared with this type can be a client at a reference to it: as above, or the
 * type is `any` or `unknown` (in part), which a guard, an `instanceof` or a comparison may narrow to one.
 */
export function mayBecomeClientType(type: ts.Type): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  if (type.isUnionOrIntersection() && type.types.some((part) => part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return true;
  return mayBeClientType(type);
}

function declaredByClientPackage(symbol: ts.Symbol | undefined): boolean {
  const declaration = symbol?.declarations?.[0];
  return declaration !== undefined && libraryOfDeclarationFile(declaration.getSourceFile().fileName) !== undefined;
}
