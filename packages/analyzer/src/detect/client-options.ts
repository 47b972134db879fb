import ts = require('typescript');
import type { ClientLibrary } from './client-library.js';
import type { ClientKind } from './client-site.js';
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';
import { propertyNameText } from './key-resolver.js';

export interface ClientOptionsView {
  options: ts.ObjectLiteralExpression | undefined;
  positional: ts.Expression[];
  optionsOpaque: boolean;
}

/**
 * Splits constructor arguments into the options object and the rest. ioredis accepts
 * `(port, host, options)`, `(url, options)` or `(options)`; a cluster takes `(nodes, options)`;
 * node-redis and Upstash take one options object.
 */
export function readClientOptions(
  library: ClientLibrary,
  kind: ClientKind,
  args: readonly ts.Expression[],
  context: DetectionContext,
): ClientOptionsView {
  if (library === 'ioredis' && kind === 'cluster') {
    const [nodes, options] = args;
    return classify(options, nodes ? [nodes] : [], context);
  }
  const last = args.at(-1);
  if (!last) return { options: undefined, positional: [], optionsOpaque: false };
  const positional = args.slice(0, -1);
  if (library === 'ioredis' && isStringOrNumber(last, context)) return { options: undefined, positional: [...args], optionsOpaque: false };
  return classify(last, positional, context);
}

function classify(candidate: ts.Expression | undefined, positional: ts.Expression[], context: DetectionContext): ClientOptionsView {
  if (!candidate) return { options: undefined, positional, optionsOpaque: false };
  const object = objectLiteralOf(candidate, context);
  if (object) return { options: object, positional, optionsOpaque: false };
  return { options: undefined, positional, optionsOpaque: true };
}

/** An object literal, directly or through a local `const`. */
export function objectLiteralOf(expression: ts.Expression, context: DetectionContext): ts.ObjectLiteralExpression | undefined {
  const node = skipOuter(expression);
  if (ts.isObjectLiteralExpression(node)) return node;
  if (ts.isIdentifier(node)) {
    const declaration = context.finder.find(node);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const initializer = skipOuter(declaration.initializer);
      if (ts.isObjectLiteralExpression(initializer)) return initializer;
    }
  }
  return undefined;
}

function isStringOrNumber(expression: ts.Expression, context: DetectionContext): boolean {
  const node = skipOuter(expression);
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isNumericLiteral(node)) return true;
  if (ts.isPropertyAccessExpression(node) && isProcessEnv(node.expression)) return true;
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(node.operatorToken.kind)) {
    return isStringOrNumber(node.left, context) || isStringOrNumber(node.right, context);
  }
  if (ts.isIdentifier(node)) {
    const declaration = context.finder.find(node);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) return isStringOrNumber(declaration.initializer, context);
    if (context.checker) {
      try {
        const type = context.checker.getTypeAtLocation(node);
        return !!(type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike));
      } catch {
        return false;
      }
    }
  }
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && (node.expression.text === 'Number' || node.expression.text === 'String')) return true;
  return false;
}

export function isProcessEnv(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  return ts.isPropertyAccessExpression(node) && node.name.text === 'env' && ts.isIdentifier(node.expression) && node.expression.text === 'process';
}

/** A property of an object literal by name, and whether a spread could be hiding it. */
export function findProperty(object: ts.ObjectLiteralExpression, name: string): { property: ts.ObjectLiteralElementLike | undefined; hidden: boolean } {
  let hidden = false;
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) {
      hidden = true;
      continue;
    }
    if (property.name && propertyNameText(property.name) === name) return { property, hidden: false };
  }
  return { property: undefined, hidden };
}

/** The value of `object.a.b…`, following nested object literals; `opaque` when a step cannot be seen. */
export function propertyPath(
  object: ts.ObjectLiteralExpression,
  path: readonly string[],
  context: DetectionContext,
): { value: ts.Expression | undefined; opaque: boolean } {
  let current: ts.ObjectLiteralExpression = object;
  for (let index = 0; index < path.length; index++) {
    const { property, hidden } = findProperty(current, path[index]!);
    if (!property) return { value: undefined, opaque: hidden };
    const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
    if (!value) return { value: undefined, opaque: true };
    if (index === path.length - 1) return { value, opaque: false };
    const next = objectLiteralOf(value, context);
    if (!next) return { value: undefined, opaque: true };
    current = next;
  }
  return { value: undefined, opaque: false };
}
