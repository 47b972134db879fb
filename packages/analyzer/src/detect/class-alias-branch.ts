import ts = require('typescript');
import { skipOuter } from './module-binding.js';

/**
 * Which branch of a class alias a construction takes when the code tests the alias's own condition
 * around it: `const RedisCore = env.MOCK_REDIS ? MockRedis : Redis` then `if (env.MOCK_REDIS) {
 * new RedisCore() }` builds the mock. `true`/`false`: the branch; undefined: not known.
 */
export function aliasBranchTaken(alias: ts.ConditionalExpression, construction: ts.Node): boolean | undefined {
  const tested = leadingTest(alias.condition);
  for (let child: ts.Node = construction, parent = construction.parent; parent && !ts.isSourceFile(parent); child = parent, parent = parent.parent) {
    if (!ts.isIfStatement(parent) || child === parent.expression) continue;
    const { text, negated } = testOf(parent.expression);
    if (text !== tested) continue;
    return (child === parent.thenStatement) !== negated;
  }
  return undefined;
}

/** `env.MOCK_REDIS && MockRedis` → `env.MOCK_REDIS`: the flag a `flag && Fallback ? … : …` alias tests. */
function leadingTest(condition: ts.Expression): string {
  let node = skipOuter(condition);
  while (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) node = skipOuter(node.left);
  return testOf(node).text;
}

function testOf(expression: ts.Expression): { text: string; negated: boolean } {
  const node = skipOuter(expression);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = testOf(node.operand);
    return { text: inner.text, negated: !inner.negated };
  }
  return { text: node.getText().replace(/\s+/g, ''), negated: false };
}
