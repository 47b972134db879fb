import ts = require('typescript');
import { requireBinding, type ModuleBinding } from './module-binding.js';
import type { DeclarationFinder } from './scope.js';

/**
 * The module a name nobody declares is bound to, when every assignment to it is the same `require`:
 * sloppy-mode scripts make implicit globals, often by a stray semicolon in a declaration list
 * (`const ws = require('ws');\n    redis = require('redis');`).
 */
export function implicitGlobalBinding(
  identifier: ts.Identifier,
  finder: DeclarationFinder,
  assignments: ReadonlyMap<string, readonly ts.Expression[]>,
): ModuleBinding | undefined {
  return sameRequire(assignments.get(identifier.text) ?? [], (target) => !finder.find(target));
}

/**
 * The module a `let` declared without a value is bound to, when every assignment to it is the same
 * `require`: a library that loads an optional peer dependency when it starts (`let Redis;` at the top,
 * `Redis = require('ioredis')` in `init()`).
 */
export function assignedRequireBinding(
  declaration: ts.Node,
  finder: DeclarationFinder,
  assignments: ReadonlyMap<string, readonly ts.Expression[]>,
): ModuleBinding | undefined {
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer || !ts.isIdentifier(declaration.name)) return undefined;
  return sameRequire(assignments.get(declaration.name.text) ?? [], (target) => finder.find(target) === declaration);
}

/** The one `require` every assignment to the name is, among the assignments whose target `counts`. */
function sameRequire(values: readonly ts.Expression[], counts: (target: ts.Identifier) => boolean): ModuleBinding | undefined {
  const bindings = values.flatMap((value) => {
    const assignment = value.parent;
    return ts.isBinaryExpression(assignment) && ts.isIdentifier(assignment.left) && counts(assignment.left) ? [requireBinding(value)] : [];
  });
  const [first] = bindings;
  if (!first || bindings.some((binding) => binding?.module !== first.module || binding.exported !== first.exported)) return undefined;
  return first;
}
