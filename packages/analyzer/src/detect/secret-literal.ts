import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';
import { isProcessEnv } from './client-options.js';

const PLACEHOLDERS = new Set(['foo', 'bar', 'baz', '1234', '12345', 'password', 'secret', 'changeme', 'xxx', 'todo', 'test']);

/** Values that stand for a secret without being one: examples, masks, templates, format strings. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (PLACEHOLDERS.has(trimmed.toLowerCase())) return true;
  if (/^[*xX.•-]+$/.test(trimmed)) return true;
  if (/^<[^<>]*>$/.test(trimmed) || /^\$\{[^}]*\}$/.test(trimmed) || /^\{\{[^}]*\}\}$/.test(trimmed) || /^%[sd]$/.test(trimmed)) return true;
  if (/^(your|my|example)[-_ ]?/i.test(trimmed)) return true;
  return false;
}

/**
 * The string literal that ends up as a credential: the value itself, a local `const` it names,
 * or the fallback of `process.env.X ?? 'literal'` / `|| 'literal'`.
 */
export function secretLiteral(expression: ts.Expression, context: DetectionContext, depth = 0): { literal: ts.StringLiteralLike; replaced: ts.Expression; viaFallback: boolean } | undefined {
  const node = skipOuter(expression);
  if (ts.isStringLiteralLike(node)) return { literal: node, replaced: node, viaFallback: false };
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    const right = skipOuter(node.right);
    if (ts.isStringLiteralLike(right) && readsEnvironment(node.left)) return { literal: right, replaced: node, viaFallback: true };
    return undefined;
  }
  if (ts.isIdentifier(node) && depth < 3) {
    const declaration = context.finder.find(node);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && declaration.getSourceFile() === context.sourceFile) {
      const list = declaration.parent;
      if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) return secretLiteral(declaration.initializer, context, depth + 1);
    }
  }
  return undefined;
}

function readsEnvironment(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return isProcessEnv(node.expression) || readsEnvironment(node.expression);
  return false;
}

/** The password in a `redis://user:pass@host` URL, with its offset inside the URL text. */
export function urlPassword(url: string): { start: number; end: number } | undefined {
  const match = /^(rediss?|valkeys?):\/\/([^:@/\s]*):([^@/\s]+)@/i.exec(url);
  if (!match) return undefined;
  const password = match[3]!;
  if (isPlaceholder(decodeSafe(password))) return undefined;
  const start = match[1]!.length + 3 + match[2]!.length + 1;
  return { start, end: start + password.length };
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
