import ts = require('typescript');
import type { ClientSite } from '../detect/client-site.js';

/** From `new`/`createClient`/`duplicate` to the end of the construction. */
export function constructionRange(site: ClientSite): [number, number] {
  const callee = site.node.expression;
  const start = site.kind === 'duplicate' && ts.isPropertyAccessExpression(callee) ? callee.name.getStart() : site.node.getStart();
  return [start, site.node.getEnd()];
}
