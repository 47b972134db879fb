import ts = require('typescript');
import type { Declaration } from './scope.js';

/** What an import or `require` binds: the module and the export (`default`, `*` for the whole module, or a name). */
export interface ModuleBinding {
  module: string;
  exported: string;
}

export function moduleBindingOf(declaration: Declaration): ModuleBinding | undefined {
  if (ts.isImportClause(declaration)) {
    const module = moduleText(declaration.parent.moduleSpecifier);
    return module === undefined ? undefined : { module, exported: 'default' };
  }
  if (ts.isNamespaceImport(declaration)) {
    const module = moduleText(declaration.parent.parent.moduleSpecifier);
    return module === undefined ? undefined : { module, exported: '*' };
  }
  if (ts.isImportSpecifier(declaration)) {
    const module = moduleText(declaration.parent.parent.parent.moduleSpecifier);
    const exported = (declaration.propertyName ?? declaration.name).text;
    return module === undefined ? undefined : { module, exported };
  }
  if (ts.isExportSpecifier(declaration)) {
    const specifier = declaration.parent.parent.moduleSpecifier;
    const module = specifier && moduleText(specifier);
    return module === undefined ? undefined : { module, exported: (declaration.propertyName ?? declaration.name).text };
  }
  if (ts.isImportEqualsDeclaration(declaration)) {
    const reference = declaration.moduleReference;
    if (!ts.isExternalModuleReference(reference)) return undefined;
    const module = moduleText(reference.expression);
    return module === undefined ? undefined : { module, exported: '*' };
  }
  if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name)) {
    return requireBinding(declaration.initializer);
  }
  if (ts.isBindingElement(declaration)) {
    const pattern = declaration.parent;
    const holder = pattern.parent;
    if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(holder) || !holder.initializer) return undefined;
    const whole = requireBinding(holder.initializer);
    if (!whole || whole.exported !== '*') return undefined;
    const property = declaration.propertyName ?? declaration.name;
    if (!ts.isIdentifier(property) && !ts.isStringLiteral(property)) return undefined;
    return { module: whole.module, exported: property.text };
  }
  return undefined;
}

/** `require('m')`, `require('m').X`, `await import('m')`. */
export function requireBinding(expression: ts.Expression): ModuleBinding | undefined {
  const inner = skipOuter(expression);
  if (ts.isCallExpression(inner)) {
    const callee = inner.expression;
    const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
    const [first] = inner.arguments;
    if ((isRequire || isImport) && first && ts.isStringLiteralLike(first)) return { module: first.text, exported: '*' };
    return undefined;
  }
  if (ts.isPropertyAccessExpression(inner)) {
    const whole = requireBinding(inner.expression);
    if (whole?.exported === '*') return { module: whole.module, exported: inner.name.text };
  }
  return undefined;
}

function moduleText(specifier: ts.Expression): string | undefined {
  return ts.isStringLiteral(specifier) ? specifier.text : undefined;
}

const OUTER_KINDS = new Set([
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.AwaitExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.TypeAssertionExpression,
  ts.SyntaxKind.SatisfiesExpression,
]);

/**
 * Strips parentheses, `await`, type assertions and non-null assertions, and the `0, ` compilers put
 * before an imported function they call (`(0, redis_1.createClient)(options)` from tsc or Babel).
 */
export function skipOuter(expression: ts.Expression): ts.Expression {
  let current = expression;
  for (;;) {
    if (OUTER_KINDS.has(current.kind)) current = (current as ts.ParenthesizedExpression).expression;
    else if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.CommaToken && ts.isNumericLiteral(current.left)) current = current.right;
    else return current;
  }
}
