import ts = require('typescript');
import { escapesItsFunction } from './client-escape.js';
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';
import { isWithin } from './node-range.js';
import type { RedisCall } from './redis-call.js';
import { enclosingClass } from './enclosing-class.js';

/**
 * Which connection a call goes out on, as far as the file shows: the construction site when
 * detection tied the client to one, otherwise the declaration of the name it is reached through
 * (`redis`, a parameter, `this.client` in one class). Two calls with the same identity share a
 * connection; undefined when the file does not say.
 */
export function connectionIdentityOf(call: RedisCall, context: DetectionContext): object | string | undefined {
  const site = call.client.site;
  // A factory that returns the client it builds opens one connection per call: `publisher` and `subscriber` are two.
  const handedBack = site !== undefined && escapesItsFunction(site) && !(site.context.fn && isWithin(call.node, site.context.fn));
  if (site && !handedBack) return site.node;
  return receiverIdentity(call, context) ?? site?.node;
}

function receiverIdentity(call: RedisCall, context: DetectionContext): object | string | undefined {
  const callee = skipOuter(call.batch ? call.batch.node.expression : call.node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipOuter(callee.expression);
  const member = thisMemberPath(receiver) ?? (ts.isIdentifier(receiver) ? localAliasOfMember(receiver, context) : undefined);
  if (member) {
    const owner = enclosingClass(receiver);
    return owner ? `${owner.pos}:${member}` : undefined;
  }
  if (ts.isIdentifier(receiver)) return context.finder.find(receiver);
  return undefined;
}

/** `this.client`, `this.config.redis`: a member of the instance, the same in every method of the class. */
function thisMemberPath(expression: ts.Expression): string | undefined {
  const node = skipOuter(expression);
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  const owner = skipOuter(node.expression);
  if (owner.kind === ts.SyntaxKind.ThisKeyword) return `this.${node.name.text}`;
  const path = thisMemberPath(owner);
  return path && `${path}.${node.name.text}`;
}

/** `const { redis } = this.config` or `const redis = this.config.redis` in a method: a local name for an instance member. */
function localAliasOfMember(name: ts.Identifier, context: DetectionContext): string | undefined {
  const declaration = context.finder.find(name);
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) return thisMemberPath(declaration.initializer);
  if (!ts.isBindingElement(declaration) || declaration.dotDotDotToken || !ts.isObjectBindingPattern(declaration.parent)) return undefined;
  const holder = declaration.parent.parent;
  if (!ts.isVariableDeclaration(holder) || !holder.initializer || !(ts.getCombinedNodeFlags(holder) & ts.NodeFlags.Const)) return undefined;
  const key = declaration.propertyName ?? declaration.name;
  if (!ts.isIdentifier(key)) return undefined;
  const initializer = skipOuter(holder.initializer);
  const base = initializer.kind === ts.SyntaxKind.ThisKeyword ? 'this' : thisMemberPath(initializer);
  return base && `${base}.${key.text}`;
}

