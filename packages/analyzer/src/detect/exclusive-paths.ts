import ts = require('typescript');
import { isWithin } from './node-range.js';

/**
 * Whether no run of their function reaches `other` after `node`: they sit in opposite branches of one
 * `if`, conditional or `switch`, or `node`'s path returns or throws before `other` comes.
 */
export function neverRunsAfter(node: ts.Node, other: ts.Node): boolean {
  for (let child: ts.Node = node, parent = node.parent; parent && !ts.isFunctionLike(parent); child = parent, parent = parent.parent) {
    if ((ts.isReturnStatement(child) || ts.isThrowStatement(child)) && !isWithin(other, child)) return other.pos >= child.end;
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const opposite = child === parent.thenStatement ? parent.elseStatement : parent.thenStatement;
      if (opposite && isWithin(other, opposite)) return true;
    }
    if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const opposite = child === parent.whenTrue ? parent.whenFalse : parent.whenTrue;
      if (isWithin(other, opposite)) return true;
    }
    if (ts.isCaseBlock(parent) && ts.isCaseOrDefaultClause(child)) {
      if (isWithin(other, parent) && !isWithin(other, child) && endsFlow(child.statements)) return true;
    }
    if (ts.isBlock(parent) || ts.isCaseOrDefaultClause(parent) || ts.isSourceFile(parent)) {
      const statements: readonly ts.Statement[] = parent.statements;
      const from = statements.indexOf(child as ts.Statement);
      if (from < 0) continue;
      const until = isWithin(other, parent) ? statements.findIndex((statement) => isWithin(other, statement)) : statements.length;
      if (until > from && statements.slice(from + 1, until).some(isExit)) return other.pos >= child.end;
      if (isWithin(other, parent)) return false;
    }
  }
  return false;
}

/** `return …`, `throw …`, or a block whose last statement is one: the branch leaves the function. */
export function alwaysExits(statement: ts.Statement): boolean {
  if (isExit(statement)) return true;
  const last = ts.isBlock(statement) ? statement.statements.at(-1) : undefined;
  return last !== undefined && isExit(last);
}

function isExit(statement: ts.Statement): boolean {
  return ts.isReturnStatement(statement) || ts.isThrowStatement(statement);
}

function endsFlow(statements: readonly ts.Statement[]): boolean {
  const last = statements.at(-1);
  return last !== undefined && (isExit(last) || ts.isBreakStatement(last));
}

/** The condition of the `if` or conditional whose opposite branches hold `node` and `other`. */
export function conditionBetween(node: ts.Node, other: ts.Node): ts.Expression | undefined {
  for (let child: ts.Node = node, parent = node.parent; parent && !ts.isFunctionLike(parent); child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const opposite = child === parent.thenStatement ? parent.elseStatement : parent.thenStatement;
      if (opposite && isWithin(other, opposite)) return parent.expression;
    }
    if (ts.isConditionalExpression(parent) && child !== parent.condition && isWithin(other, child === parent.whenTrue ? parent.whenFalse : parent.whenTrue)) return parent.condition;
  }
  return undefined;
}

/** Whether `condition` tests a name that one of `nodes` uses (`if (ttl)` before `set(k, v, 'EX', ttl)`). */
export function conditionMentions(condition: ts.Expression, nodes: readonly ts.Node[]): boolean {
  const tested = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) tested.add(node.text);
    ts.forEachChild(node, collect);
  };
  collect(condition);
  const uses = (node: ts.Node): boolean => (ts.isIdentifier(node) && tested.has(node.text)) || (ts.forEachChild(node, uses) ?? false);
  return nodes.some(uses);
}
