import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import { enclosingClass } from './enclosing-class.js';
import { skipOuter } from './module-binding.js';
import { propertyNameText } from './key-resolver.js';

/**
 * The declaration a member access names, in the project's code: through the checker's symbol, or
 * without one in a class of this file (`this.x`, `ClassName.x`, or a binding whose annotation names
 * the class: `constructor(settings: StoreSettings)`).
 */
export function memberDeclaration(access: ts.PropertyAccessExpression, context: DetectionContext): ts.Declaration | undefined {
  let declaration: ts.Declaration | undefined;
  if (context.checker) {
    try {
      declaration = context.checker.getSymbolAtLocation(access.name)?.declarations?.[0];
    } catch {
      return undefined;
    }
  } else {
    const receiver = skipOuter(access.expression);
    let owner: ts.Node | undefined = receiver.kind === ts.SyntaxKind.ThisKeyword ? enclosingClass(access) : ts.isIdentifier(receiver) ? context.finder.find(receiver) : undefined;
    const annotation = owner && (ts.isParameter(owner) || ts.isVariableDeclaration(owner) || ts.isPropertyDeclaration(owner)) ? owner.type : undefined;
    if (annotation && ts.isTypeReferenceNode(annotation) && ts.isIdentifier(annotation.typeName)) owner = context.finder.find(annotation.typeName);
    if (owner && ts.isClassLike(owner)) declaration = owner.members.find((member) => member.name !== undefined && propertyNameText(member.name) === access.name.text);
  }
  return declaration && !declaration.getSourceFile().isDeclarationFile ? declaration : undefined;
}
