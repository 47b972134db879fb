import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import type { KeyPattern } from './key-pattern.js';
import { skipOuter } from './module-binding.js';
import { isWithin } from './node-range.js';
import { enclosingClass } from './enclosing-class.js';

/** Names of a key or of the prefix keys are built under: `key`, `cacheKey`, `prefix`, `keyPrefix`, `namespace`. */
const KEY_NAME = /key$|^key|prefix$|^prefix|namespace$/i;

/**
 * Keys that all begin with the same key or prefix the caller hands in (`${key}:query=${query}` and `key`,
 * `${this.prefix}jobs`): a hash tag the caller puts in it (`{user:42}`) keeps them all in one slot, so
 * the code here can neither prove nor break it. `site`: the command or batch, which the function taking
 * the key must hold (an iteration callback's `key` is one key per item, not the caller's).
 */
export function shareCallerPrefix(
  keys: readonly KeyPattern[],
  site: ts.Node,
  context: DetectionContext,
  assignments: ReadonlyMap<string, readonly ts.Expression[]>,
): boolean {
  if (keys.length === 0) return false;
  const [first] = keys[0]!.parts;
  if (first?.kind !== 'dynamic' || !first.node || !isCallerKey(first.node, site, context, assignments)) return false;
  return keys.every((key) => {
    const [head] = key.parts;
    return head?.kind === 'dynamic' && head.expr === first.expr;
  });
}

function isCallerKey(expression: ts.Expression, site: ts.Node, context: DetectionContext, assignments: ReadonlyMap<string, readonly ts.Expression[]>): boolean {
  const node = skipOuter(expression);
  if (ts.isIdentifier(node)) return KEY_NAME.test(node.text) && isParameterAround(node, site, context);
  if (!ts.isPropertyAccessExpression(node) || !KEY_NAME.test(node.name.text)) return false;
  const owner = skipOuter(node.expression);
  if (owner.kind === ts.SyntaxKind.ThisKeyword) return !builtByItsClass(node, assignments);
  return ts.isIdentifier(owner) && isParameterAround(owner, site, context);
}

/**
 * `this.beatKey = 'beat:' + nodeId`: a member the class spells out itself (a string, a template, a
 * concatenation) is no key a caller hands in, so nothing outside can give it a hash tag.
 */
function builtByItsClass(access: ts.PropertyAccessExpression, assignments: ReadonlyMap<string, readonly ts.Expression[]>): boolean {
  const owner = enclosingClass(access);
  if (!owner) return false;
  const name = access.name.text;
  const declared = owner.members.find((member): member is ts.PropertyDeclaration => ts.isPropertyDeclaration(member) && member.name.getText() === name)?.initializer;
  const assigned = (assignments.get(`this.${name}`) ?? []).filter((value) => enclosingClass(value) === owner);
  return [...(declared ? [declared] : []), ...assigned].some(isSpelledOut);
}

function isSpelledOut(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) return true;
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && (isSpelledOut(node.left) || isSpelledOut(node.right));
}

/** A parameter of a function that holds `site`. */
function isParameterAround(name: ts.Identifier, site: ts.Node, context: DetectionContext): boolean {
  const declaration = context.finder.find(name);
  if (!declaration || !ts.isParameter(declaration)) return false;
  const fn = declaration.parent;
  return site.getSourceFile() === fn.getSourceFile() && isWithin(site, fn);
}
