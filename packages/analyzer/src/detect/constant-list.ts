import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';

/** A list written out in the code: an array literal, or a `const` bound to one (`const EVENTS = ['error', 'end']`). */
export function constantList(expression: ts.Expression, context: DetectionContext): ts.ArrayLiteralExpression | undefined {
  const node = skipOuter(expression);
  if (ts.isArrayLiteralExpression(node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = context.finder.find(node);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const initializer = skipOuter(declaration.initializer);
  return ts.isArrayLiteralExpression(initializer) ? initializer : undefined;
}
