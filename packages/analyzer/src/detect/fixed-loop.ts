import ts = require('typescript');
import { constantList } from './constant-list.js';
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';

/**
 * Whether the loop nearest `node` walks a list of literals written out in the code (`for (const tag of ['a', 'b'])`,
 * `const TAGS = ['a', 'b']; for (const tag of TAGS)`, `['a', 'b'].forEach(…)`): it runs a fixed few
 * times, however large the data grows, so it multiplies nothing.
 */
export function loopsOverFixedList(node: ts.Node, context: DetectionContext): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isForOfStatement(current) && isInside(node, current.statement)) return isFixedList(current.expression, context);
    if (ts.isIterationStatement(current, false) && isInside(node, current.statement)) return false;
    if (ts.isFunctionLike(current)) {
      const call = current.parent;
      if (!call || !ts.isCallExpression(call) || !call.arguments.includes(current as ts.Expression)) return false;
      const callee = skipOuter(call.expression);
      // `list.forEach(…)`, `list.map(…)` when `list` is written out.
      return ts.isPropertyAccessExpression(callee) && isFixedList(callee.expression, context);
    }
  }
  return false;
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}

function isFixedList(expression: ts.Expression, context: DetectionContext): boolean {
  const list = constantList(expression, context);
  return list !== undefined && list.elements.every((element) => ts.isStringLiteralLike(element) || ts.isNumericLiteral(element));
}
