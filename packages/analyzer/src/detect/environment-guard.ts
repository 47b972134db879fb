import ts = require('typescript');

const ENVIRONMENT_TEST = /NODE_ENV|process\.env\.(CI|TEST\w*|JEST_WORKER_ID|VITEST)\b|\b(isTest|isDev|isDevelopment|isProduction|isProd)\b|['"](test|development|production)['"]/;

/**
 * The code only runs in some environments: inside `if (process.env.NODE_ENV === 'test')`, or
 * after `if (process.env.NODE_ENV === 'production') throw …` in the same function.
 */
export function isEnvironmentGuarded(node: ts.Node): boolean {
  for (let child: ts.Node = node, current = node.parent; current; child = current, current = current.parent) {
    if (ts.isIfStatement(current) && child !== current.expression && ENVIRONMENT_TEST.test(current.expression.getText())) return true;
    if (ts.isConditionalExpression(current) && child !== current.condition && ENVIRONMENT_TEST.test(current.condition.getText())) return true;
    if (ts.isBlock(current) || ts.isSourceFile(current)) {
      for (const statement of current.statements) {
        if (statement.pos >= child.pos) break;
        if (ts.isIfStatement(statement) && exits(statement.thenStatement) && ENVIRONMENT_TEST.test(statement.expression.getText())) return true;
      }
    }
    if (ts.isFunctionLike(current)) return false;
    if (ts.isSourceFile(current)) break;
  }
  return false;
}

function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.some((inner) => ts.isReturnStatement(inner) || ts.isThrowStatement(inner));
}
