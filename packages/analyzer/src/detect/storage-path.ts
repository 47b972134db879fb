import ts = require('typescript');

/** Property steps a stored client is followed through at most: `app.locals.redis`. */
const MAX_STEPS = 3;

/**
 * The name a client is stored and read back under: a variable (`client`), a field (`this.client`), an
 * element of a registry (`CLIENTS[]`), or a member of an object the code hangs it on (`sails.redis`,
 * `app.locals.redis`). Undefined for anything else.
 */
export function storagePath(target: ts.Expression): string | undefined {
  if (ts.isIdentifier(target)) return target.text;
  if (ts.isElementAccessExpression(target) && ts.isIdentifier(target.expression)) return `${target.expression.text}[]`;
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  if (target.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${target.name.text}`;
  const names = [target.name.text];
  let owner: ts.Expression = target.expression;
  for (; ts.isPropertyAccessExpression(owner) && names.length < MAX_STEPS; owner = owner.expression) names.unshift(owner.name.text);
  return ts.isIdentifier(owner) ? [owner.text, ...names].join('.') : undefined;
}
