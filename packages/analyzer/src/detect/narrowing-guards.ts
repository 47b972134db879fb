import ts = require('typescript');
import { skipOuter } from './module-binding.js';

/**
 * The references a file's type tests may narrow: the operand of `instanceof` or of a `.constructor`
 * comparison, and the arguments of a call to a type guard (`x is Redis`, `asserts x is Redis`, or a
 * function whose inferred return type may be one) used as a test or a statement, and its receiver
 * when used as a test (`this is Cluster`). Only a reference of such a name can have a type its
 * declaration does not allow; any other reference's type is its declared type or a part of it.
 */
export class NarrowingGuards {
  private tested: Set<string> | undefined;
  private guardCalls: Map<string, ts.CallExpression[]> | undefined;
  private readonly verdicts = new Map<string, boolean>();

  constructor(
    private readonly calls: readonly (ts.CallExpression | ts.NewExpression)[],
    private readonly tests: readonly ts.BinaryExpression[],
    private readonly checker: ts.TypeChecker,
  ) {}

  /** Whether a reference ending in `name` (`name`, `this.name`, `a.name`) may be narrowed somewhere in the file. */
  mayNarrow(name: string): boolean {
    let verdict = this.verdicts.get(name);
    if (verdict === undefined) {
      if (!this.tested) this.collect();
      // Only the calls that pass this name are asked about: resolving every callee of a file costs more than it saves.
      verdict = this.tested!.has(name) || (this.guardCalls!.get(name) ?? []).some((call) => this.mayBeGuard(call));
      this.verdicts.set(name, verdict);
    }
    return verdict;
  }

  private collect(): void {
    const tested = new Set<string>();
    const guardCalls = new Map<string, ts.CallExpression[]>();
    for (const test of this.tests) {
      if (test.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) addName(tested, test.left);
      else for (const side of [test.left, test.right]) if (isConstructorAccess(side)) addName(tested, side.expression);
    }
    const addCall = (expression: ts.Expression, call: ts.CallExpression): void => {
      const name = referenceName(expression);
      if (name === undefined) return;
      const list = guardCalls.get(name);
      if (list) list.push(call);
      else guardCalls.set(name, [call]);
    };
    for (const call of this.calls) {
      const use = ts.isCallExpression(call) ? outcomeUse(call) : undefined;
      if (!use || !ts.isCallExpression(call)) continue;
      for (const argument of call.arguments) addCall(argument, call);
      const callee = skipOuter(call.expression);
      // `client.get(key);` is everywhere, `asserts this is …` methods almost nowhere: a receiver counts in a condition only.
      if (use === 'condition' && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) addCall(callee.expression, call);
    }
    this.tested = tested;
    this.guardCalls = guardCalls;
  }

  /** Whether the callee may be a type guard: declared with a type predicate, or a function whose return type is inferred. */
  private mayBeGuard(call: ts.CallExpression): boolean {
    const callee = skipOuter(call.expression);
    const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    let symbol: ts.Symbol | undefined;
    try {
      symbol = this.checker.getSymbolAtLocation(at);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    } catch {
      return true;
    }
    const declarations = symbol?.declarations ?? [];
    return declarations.length === 0 || declarations.some(mayDeclareGuard);
  }
}

function addName(names: Set<string>, expression: ts.Expression): void {
  const name = referenceName(expression);
  if (name !== undefined) names.add(name);
}

function mayDeclareGuard(declaration: ts.Declaration): boolean {
  let fn: ts.Node = declaration;
  if ((ts.isVariableDeclaration(fn) || ts.isPropertyDeclaration(fn) || ts.isPropertyAssignment(fn)) && fn.initializer) fn = skipOuter(fn.initializer);
  if (!ts.isFunctionLike(fn)) return true;
  if (fn.type) return ts.isTypePredicateNode(fn.type);
  return 'body' in fn && fn.body !== undefined;
}

/** `x.constructor === C` narrows `x` to `C`. */
function isConstructorAccess(expression: ts.Expression): expression is ts.PropertyAccessExpression {
  const node = skipOuter(expression);
  return ts.isPropertyAccessExpression(node) && node.name.text === 'constructor';
}

function referenceName(expression: ts.Expression): string | undefined {
  const node = skipOuter(expression);
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return node.argumentExpression.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) return referenceName(node.left);
  return undefined;
}

/** How a call's outcome can narrow: as a condition (`if`, `?:`, loops, `case`, `&&`, `||`, `!`), or as an assertion statement or a constant holding it. */
function outcomeUse(call: ts.CallExpression): 'condition' | 'statement' | undefined {
  let node: ts.Node = call;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent)) continue;
    if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken ? 'condition' : undefined;
    if (ts.isBinaryExpression(parent)) return parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken ? 'condition' : undefined;
    if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent) || ts.isCaseClause(parent)) return parent.expression === node ? 'condition' : undefined;
    if (ts.isForStatement(parent) || ts.isConditionalExpression(parent)) return parent.condition === node ? 'condition' : undefined;
    return ts.isExpressionStatement(parent) || (ts.isVariableDeclaration(parent) && parent.initializer === node) ? 'statement' : undefined;
  }
  return undefined;
}
