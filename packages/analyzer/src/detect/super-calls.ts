import ts = require('typescript');

/**
 * The `super(…)` calls of the constructor of the class `this` belongs to, in a class that extends another:
 * one, or one per branch (`if (url) super(url, options); else super(options);`).
 */
export function superCallsOf(node: ts.Node): ts.CallExpression[] {
  let owner: ts.Node | undefined = node.parent;
  // Arrow functions keep the class's `this`; other functions have their own.
  while (owner && !ts.isClassLike(owner)) {
    if (ts.isFunctionLike(owner) && !ts.isArrowFunction(owner) && !ts.isMethodDeclaration(owner) && !ts.isConstructorDeclaration(owner) && !ts.isAccessor(owner)) return [];
    owner = owner.parent;
  }
  if (!owner || !(owner as ts.ClassLikeDeclaration).heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)) return [];
  const constructor = (owner as ts.ClassLikeDeclaration).members.find(ts.isConstructorDeclaration);
  const calls: ts.CallExpression[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isCallExpression(child) && child.expression.kind === ts.SyntaxKind.SuperKeyword) calls.push(child);
    else if (!ts.isFunctionLike(child) && !ts.isClassLike(child)) ts.forEachChild(child, visit);
  };
  if (constructor?.body) visit(constructor.body);
  return calls;
}
