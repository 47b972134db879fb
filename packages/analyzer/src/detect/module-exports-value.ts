import ts = require('typescript');
import { skipOuter } from './module-binding.js';

/**
 * What a project module assigns to `module.exports`, found in its text: the checker's alias chain
 * breaks when that value is itself a package the program cannot resolve (`module.exports = redis`
 * after `const redis = require('redis')`, on a clone without node_modules).
 */
export function moduleExportsValue(specifier: ts.Expression, checker: ts.TypeChecker): ts.Expression | undefined {
  let module: ts.Symbol | undefined;
  try {
    module = checker.getSymbolAtLocation(specifier);
  } catch {
    return undefined;
  }
  const file = module?.valueDeclaration;
  if (!file || !ts.isSourceFile(file) || file.isDeclarationFile) return undefined;
  let value: ts.Expression | undefined;
  for (const statement of file.statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    const expression = skipOuter(statement.expression);
    if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const target = skipOuter(expression.left);
    if (ts.isPropertyAccessExpression(target) && target.name.text === 'exports' && ts.isIdentifier(target.expression) && target.expression.text === 'module') value = expression.right;
  }
  return value;
}
