import type ts from 'typescript';
import type { DeclarationFinder } from './scope.js';

/** What every detection piece needs: the file, how to find declarations, and the checker in typed mode. */
export interface DetectionContext {
  sourceFile: ts.SourceFile;
  finder: DeclarationFinder;
  checker: ts.TypeChecker | undefined;
  /** The program holds a client package's declarations, so asking for a receiver's type can find a client. */
  clientTypesLoaded?: boolean;
}
