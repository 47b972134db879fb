import ts = require('typescript');
import { isRuntimeValueMember } from './runtime-value-member.js';

export type Declaration =
  | ts.VariableDeclaration
  | ts.ParameterDeclaration
  | ts.BindingElement
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.ImportClause
  | ts.ImportSpecifier
  | ts.NamespaceImport
  | ts.ImportEqualsDeclaration
  | ts.ExportSpecifier
  | ts.PropertyDeclaration
  | ts.EnumDeclaration;

/** Finds the declaration an identifier refers to: through the checker when there is one, else by lexical scope. */
export interface DeclarationFinder {
  find(identifier: ts.Identifier): Declaration | undefined;
  /** The declaration by lexical scope alone, without the checker: enough, and much cheaper, where only a declaration of this file will do. */
  local(identifier: ts.Identifier): Declaration | undefined;
  /**
   * With a checker: the expression another module exports under what `node` names, when that
   * export is no declaration (`module.exports = x`, `export default new Redis()`, `exports.client = …`,
   * `module.exports = { client }`); for a property access (`lib.client`), the expression of the member.
   */
  exportedValue?(node: ts.Identifier | ts.PropertyAccessExpression): ts.Expression | undefined;
}

export function createLexicalFinder(): DeclarationFinder {
  const scopes = new WeakMap<ts.Node, Map<string, Declaration>>();

  function declarationsOf(container: ts.Node): Map<string, Declaration> {
    let table = scopes.get(container);
    if (!table) {
      table = collectDeclarations(container);
      scopes.set(container, table);
    }
    return table;
  }

  // The same identifier is asked about by hot paths, the call reader and several rules.
  const known = new WeakMap<ts.Identifier, Declaration | null>();
  const find = (identifier: ts.Identifier): Declaration | undefined => {
    const cached = known.get(identifier);
    if (cached !== undefined) return cached ?? undefined;
    const name = identifier.text;
    let found: Declaration | undefined;
    for (let node: ts.Node | undefined = identifier.parent; node && !found; node = node.parent) {
      if (isScopeContainer(node)) found = declarationsOf(node).get(name);
    }
    known.set(identifier, found ?? null);
    return found;
  };
  return { find, local: find };
}

/** What each identifier resolved to, per checker: the same identifier is asked about by hot paths, the call reader and several rules. */
const resolvedByChecker = new WeakMap<ts.TypeChecker, WeakMap<ts.Identifier, Declaration | null>>();

export function createCheckerFinder(checker: ts.TypeChecker, fallback: DeclarationFinder): DeclarationFinder {
  let resolved = resolvedByChecker.get(checker);
  if (!resolved) resolvedByChecker.set(checker, (resolved = new WeakMap()));
  const known = resolved;
  const resolve = (identifier: ts.Identifier): Declaration | undefined => {
    let symbol: ts.Symbol | undefined;
    try {
      symbol = checker.getSymbolAtLocation(identifier);
    } catch {
      return fallback.find(identifier);
    }
    if (!symbol) return fallback.find(identifier);
    if (symbol.flags & ts.SymbolFlags.Alias) {
      const target = safeAliased(checker, symbol);
      const declaration = target?.valueDeclaration ?? target?.declarations?.[0];
      if (declaration && isDeclaration(declaration) && !declaration.getSourceFile().isDeclarationFile) return declaration;
      const own = innermostProjectImport(checker, symbol) ?? symbol.declarations?.[0];
      if (own && ts.isExportSpecifier(own)) return own;
      return own && isDeclaration(own) ? own : fallback.find(identifier);
    }
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (declaration && isDeclaration(declaration)) return declaration;
    return fallback.find(identifier);
  };
  return {
    local: (identifier) => fallback.local(identifier),
    find(identifier) {
      const cached = known.get(identifier);
      if (cached !== undefined) return cached ?? undefined;
      const declaration = resolve(identifier);
      known.set(identifier, declaration ?? null);
      return declaration;
    },
    exportedValue(node) {
      if (ts.isPropertyAccessExpression(node) && isRuntimeValueMember(node, fallback)) return undefined;
      let symbol: ts.Symbol | undefined;
      try {
        symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
      } catch {
        return undefined;
      }
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = safeAliased(checker, symbol);
      const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
      return valueOfExport(declaration);
    },
  };
}

/** The value an export or object member that is no declaration of its own stands for. */
function valueOfExport(node: ts.Node): ts.Expression | undefined {
  if (ts.isExportAssignment(node)) return node.expression;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) return node.right;
  if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && ts.isBinaryExpression(node.parent) && node.parent.left === node && node.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return node.parent.right;
  if (ts.isPropertyAssignment(node)) return node.initializer;
  if (ts.isShorthandPropertyAssignment(node)) return node.name;
  return undefined;
}

/**
 * Through re-exports of the project's own modules (`export { createClient as make } from 'redis'` in a
 * `dependencies.ts`), the last import or re-export of the chain in a source file: the one that names the package.
 */
function innermostProjectImport(checker: ts.TypeChecker, symbol: ts.Symbol): Declaration | undefined {
  let found: Declaration | undefined;
  let current: ts.Symbol | undefined = symbol;
  for (let step = 0; current && current.flags & ts.SymbolFlags.Alias && step < 16; step++) {
    const declaration = current.declarations?.[0];
    if (!declaration || declaration.getSourceFile().isDeclarationFile) break;
    if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportEqualsDeclaration(declaration)) found = declaration;
    else if (ts.isExportSpecifier(declaration) && declaration.parent.parent.moduleSpecifier) found = declaration;
    try {
      current = checker.getImmediateAliasedSymbol(current);
    } catch {
      break;
    }
  }
  return found;
}

function safeAliased(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol | undefined {
  try {
    const target = checker.getAliasedSymbol(symbol);
    return target.flags & ts.SymbolFlags.Alias ? undefined : target;
  } catch {
    return undefined;
  }
}

function isDeclaration(node: ts.Node): node is Declaration {
  return (
    ts.isVariableDeclaration(node) ||
    ts.isParameter(node) ||
    ts.isBindingElement(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isImportClause(node) ||
    ts.isImportSpecifier(node) ||
    ts.isNamespaceImport(node) ||
    ts.isImportEqualsDeclaration(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isEnumDeclaration(node)
  );
}

const SCOPE_CONTAINERS = new Set([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseBlock,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.CatchClause,
]);

// Asked for every ancestor of every identifier looked up: one set lookup, not nine type guards.
function isScopeContainer(node: ts.Node): boolean {
  return SCOPE_CONTAINERS.has(node.kind) || ts.isFunctionLike(node);
}

function collectDeclarations(container: ts.Node): Map<string, Declaration> {
  const table = new Map<string, Declaration>();
  const addBinding = (name: ts.BindingName, declaration: ts.VariableDeclaration | ts.ParameterDeclaration): void => {
    if (ts.isIdentifier(name)) {
      table.set(name.text, declaration);
      return;
    }
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      if (ts.isIdentifier(element.name)) table.set(element.name.text, element);
      else addBinding(element.name, declaration);
    }
  };
  const addStatement = (statement: ts.Statement): void => {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name, declaration);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      table.set(statement.name.text, statement);
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) table.set(clause.name.text, clause);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) table.set(bindings.name.text, bindings);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) table.set(element.name.text, element);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      table.set(statement.name.text, statement);
    }
  };

  if (ts.isSourceFile(container) || ts.isBlock(container) || ts.isModuleBlock(container)) {
    container.statements.forEach(addStatement);
  } else if (ts.isCaseBlock(container)) {
    for (const clause of container.clauses) clause.statements.forEach(addStatement);
  } else if (ts.isFunctionLike(container)) {
    for (const parameter of container.parameters) addBinding(parameter.name, parameter);
    if ((ts.isFunctionExpression(container) || ts.isFunctionDeclaration(container)) && container.name) {
      table.set(container.name.text, container as ts.FunctionDeclaration);
    }
  } else if (ts.isForStatement(container) || ts.isForOfStatement(container) || ts.isForInStatement(container)) {
    const initializer = container.initializer;
    if (initializer && ts.isVariableDeclarationList(initializer)) {
      for (const declaration of initializer.declarations) addBinding(declaration.name, declaration);
    }
  } else if (ts.isCatchClause(container) && container.variableDeclaration) {
    addBinding(container.variableDeclaration.name, container.variableDeclaration);
  }
  return table;
}
