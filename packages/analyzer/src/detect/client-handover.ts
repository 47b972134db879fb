import ts = require('typescript');
import type { ClientSite } from './client-site.js';

/**
 * The construction is handed straight to other code (`new Queue(name, { connection: new Redis() })`,
 * `new RedisStore({ client: createClient() })`), which then owns the connection and its events.
 */
export function isHandedOver(site: ClientSite): boolean {
  let node: ts.Node = site.node;
  while (node.parent && (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent))) node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) return true;
  return (ts.isPropertyAssignment(parent) && parent.initializer === node) || ts.isArrayLiteralExpression(parent);
}
