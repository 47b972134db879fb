import ts = require('typescript');
import { escapesItsFunction } from './client-escape.js';
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';
import { isWithin } from './node-range.js';
import type { RedisCall } from './redis-call.js';

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
  if (site && !handedBack) return site;
  return receiverIdentity(call, context) ?? site;
}

function receiverIdentity(call: RedisCall, context: DetectionContext): object | string | undefined {
  const callee = skipOuter(call.batch ? call.batch.node.expression : call.node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipOuter(callee.expression);
  if (ts.isIdentifier(receiver)) return context.finder.find(receiver);
  if (ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = enclosingClass(receiver);
    return owner ? `${owner.pos}:this.${receiver.name.text}` : undefined;
  }
  return undefined;
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isClassLike(current)) return current;
  return undefined;
}
