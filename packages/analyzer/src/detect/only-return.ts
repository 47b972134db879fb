import ts = require('typescript');

/** The expression a function returns when it has one return (or is an expression-bodied arrow). */
export function onlyReturn(fn: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  const returns = returnedExpressions(fn);
  return returns.length === 1 ? returns[0] : undefined;
}

/** What a function returns: its expression body, or the value of each `return` of its own (not of functions inside it). */
export function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const returns: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node)) {
      if (node.expression) returns.push(node.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return returns;
}
