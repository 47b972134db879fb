import ts = require('typescript');
import { mayReturnClient } from './client-returning-call.js';
import { mayBecomeClientType } from './possible-client-type.js';

const verdicts = new WeakMap<ts.TypeChecker, Map<ts.Symbol, boolean>>();

/**
 * Typed mode: whether a binding, parameter, property or method is no client by its declaration
 * alone — every declaration annotated with (or, for a function or method, being) a type that cannot
 * become one, or a single one initialized by a call none of whose signatures can return one
 * (`const seen = new Map(…)`). Asking for the type at a reference instead checks the initializer
 * and every assignment the reference's flow passes (`parent = new Worker(…)`); the declaration
 * answers once for all references that no guard narrows.
 */
export function declaredNoClient(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  let known = verdicts.get(checker);
  if (!known) verdicts.set(checker, (known = new Map()));
  let verdict = known.get(symbol);
  if (verdict === undefined) {
    verdict = decide(symbol, checker);
    known.set(symbol, verdict);
  }
  return verdict;
}

function decide(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declarations = target.declarations ?? [];
  if (declarations.length === 0) return false;
  if (declarations.every(isTypedByDeclaration)) return !mayBecomeClientType(checker.getTypeOfSymbol(target));
  const [only] = declarations;
  if (declarations.length !== 1 || !only || !(ts.isVariableDeclaration(only) || ts.isPropertyDeclaration(only)) || !only.initializer) return false;
  let initializer = only.initializer;
  while (ts.isParenthesizedExpression(initializer)) initializer = initializer.expression;
  return (ts.isCallExpression(initializer) || ts.isNewExpression(initializer)) && !mayReturnClient(initializer, checker, true);
}

/** Annotated, or a function or method (whose type is the function itself, whatever it returns). */
function isTypedByDeclaration(declaration: ts.Declaration): boolean {
  if (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration) || ts.isGetAccessorDeclaration(declaration)) {
    return declaration.type !== undefined;
  }
  return ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration);
}
