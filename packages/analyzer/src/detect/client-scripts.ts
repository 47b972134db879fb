import ts = require('typescript');
import { objectLiteralOf, propertyPath } from './client-options.js';
import type { ClientSite } from './client-site.js';
import type { DetectionContext } from './detection-context.js';
import { constantString } from './key-resolver.js';
import type { LuaScript } from './lua-script.js';
import { skipOuter } from './module-binding.js';

/**
 * Scripts a node-redis client defines in its options: `createClient({ scripts: { name:
 * defineScript({ NUMBER_OF_KEYS, SCRIPT }) } })` (node-redis 4+), which become client methods.
 */
export function clientScripts(site: ClientSite, context: DetectionContext): LuaScript[] {
  if (site.library !== 'node-redis' || !site.options) return [];
  const value = propertyPath(site.options, ['scripts'], context).value;
  const scripts = value && objectLiteralOf(value, context);
  if (!scripts) return [];
  const found: LuaScript[] = [];
  for (const property of scripts.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const call = skipOuter(property.initializer);
    if (!ts.isCallExpression(call) || !isDefineScript(call.expression)) continue;
    const definition = call.arguments[0] && objectLiteralOf(call.arguments[0], context);
    const source = definition && propertyPath(definition, ['SCRIPT'], context).value;
    if (!source) continue;
    const node = skipOuter(source);
    found.push({
      node,
      text: constantString(node, context),
      textStart: ts.isStringLiteralLike(node) ? node.getStart(context.sourceFile) + 1 : undefined,
      via: 'defineCommand',
      client: { library: site.library, cluster: site.kind === 'cluster', site, name: site.storedAs },
      call,
      context: site.context,
    });
  }
  return found;
}

function isDefineScript(callee: ts.Expression): boolean {
  const node = skipOuter(callee);
  return (ts.isIdentifier(node) && node.text === 'defineScript') || (ts.isPropertyAccessExpression(node) && node.name.text === 'defineScript');
}
