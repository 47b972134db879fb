import ts = require('typescript');

/** The nearest function around `node`, not looking past a class declaration. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
    if (ts.isClassLike(current) && !ts.isClassExpression(current)) return undefined;
  }
  return undefined;
}
