import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';

const MAX_DEPTH = 3;

/** The startup nodes a cluster construction lists, as far as the file spells them out. */
export interface ClusterNodeList {
  /** Node objects (`{ host, port }`) or `'host:port'` strings. */
  elements: readonly ts.Expression[];
  /** Built by `list.map(fn)` from strings: the elements are the strings, `fn` makes the nodes. */
  mappedBy: ts.Expression | undefined;
}

/**
 * The array literal of a cluster's nodes: written in place, held in a local `const`, or mapped from
 * one (`ENDPOINTS.map((endpoint) => { const [host, port] = endpoint.split(':'); … })`).
 */
export function clusterNodeList(expression: ts.Expression, context: DetectionContext, depth = 0): ClusterNodeList | undefined {
  const node = skipOuter(expression);
  if (ts.isArrayLiteralExpression(node)) return { elements: node.elements, mappedBy: undefined };
  if (depth >= MAX_DEPTH) return undefined;
  if (ts.isIdentifier(node)) {
    const declaration = context.finder.find(node);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || declaration.getSourceFile() !== context.sourceFile) return undefined;
    if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
    return clusterNodeList(declaration.initializer, context, depth + 1);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'map' && node.arguments.length === 1) {
    const source = clusterNodeList(node.expression.expression, context, depth + 1);
    if (!source || source.mappedBy) return undefined;
    return { elements: source.elements.filter((element) => ts.isStringLiteralLike(skipOuter(element))), mappedBy: node.arguments[0] };
  }
  return undefined;
}

/** Whether a mapping function may set TLS on the nodes it builds (a `tls` property anywhere in it). */
export function mayAddTls(mapper: ts.Expression): boolean {
  const visit = (node: ts.Node): boolean => {
    if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isIdentifier(node.name) && node.name.text === 'tls') return true;
    if (ts.isSpreadAssignment(node)) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(mapper);
}
