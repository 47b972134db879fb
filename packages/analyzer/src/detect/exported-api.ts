import ts = require('typescript');
import { propertyNameText } from './key-resolver.js';

/**
 * The name under which a module hands `fn` (or the function around it) to other modules: an exported
 * function or `const`, a member of `module.exports = { … }`, `exports.name = function …`, a method
 * of an exported class, `Class.prototype.name = function …`.
 */
export function exportedApiName(fn: ts.SignatureDeclaration | undefined): string | undefined {
  for (let node: ts.Node | undefined = fn; node && !ts.isSourceFile(node); node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const name = ownExportName(node);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** The name under which a module hands `fn` itself to other modules (not a function around it). */
export function ownExportName(fn: ts.SignatureDeclaration): string | undefined {
  const parent = fn.parent;
  if (ts.isFunctionDeclaration(fn) || ts.isClassLike(parent)) {
    const holder = ts.isFunctionDeclaration(fn) ? fn : parent;
    const exported = ts.getModifiers(holder as ts.HasModifiers)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    const name = fn.name && propertyNameText(fn.name);
    if (exported) return name ?? 'default';
    if (ts.isFunctionDeclaration(fn)) return name !== undefined && isExportedLater(name, fn.getSourceFile()) ? name : undefined;
    if (ts.isClassDeclaration(parent) && parent.name && isExportedLater(parent.name.text, parent.getSourceFile())) return name;
    return undefined;
  }
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
    const statement = parent.parent.parent;
    if (ts.isVariableStatement(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return parent.name.text;
    return isExportedLater(parent.name.text, parent.getSourceFile()) ? parent.name.text : undefined;
  }
  if (ts.isExportAssignment(parent)) return 'default';
  if (ts.isBinaryExpression(parent) && parent.right === fn && ts.isPropertyAccessExpression(parent.left)) {
    const target = parent.left.getText();
    if (/^(module\.)?exports\.|\.prototype\.[\w$]+$/.test(target)) return parent.left.name.text;
  }
  const member = ts.isMethodDeclaration(fn) ? fn : ts.isPropertyAssignment(parent) ? parent : undefined;
  const object = member?.parent;
  if (member && object && ts.isObjectLiteralExpression(object) && isModuleExports(object)) return propertyNameText(member.name);
  return undefined;
}

/** `module.exports = { … }` or `export default { … }`. */
function isModuleExports(object: ts.ObjectLiteralExpression): boolean {
  const parent = object.parent;
  if (ts.isExportAssignment(parent)) return true;
  return ts.isBinaryExpression(parent) && parent.right === object && /^(module\.)?exports$/.test(parent.left.getText());
}

/** `export { name }`, `export default name`, `module.exports = name`, `module.exports = { name }` further down. */
export function isExportedLater(name: string, sourceFile: ts.SourceFile): boolean {
  const escaped = name.replace(/\$/g, '\\$');
  return new RegExp(`(module\\.exports\\s*=\\s*${escaped}\\b|export\\s*(default\\s+${escaped}\\b|\\{[^}]*\\b${escaped}\\b)|module\\.exports\\s*=\\s*\\{[^}]*\\b${escaped}\\b|exports\\.${escaped}\\s*=\\s*${escaped}\\b)`).test(sourceFile.text);
}

/**
 * For a function of the module's own that is not exported: the exported function that calls it
 * (`export async function addJobs() { … await getSubscriptions() … }`), as `getSubscriptions()`
 * through `addJobs`. One step: the exported caller serves callers out of sight, and so does this.
 */
export function exportedCallerOf(fn: ts.SignatureDeclaration | undefined): { api: string; via: string } | undefined {
  const name = fn && ownName(fn);
  if (!fn || name === undefined) return undefined;
  let found: { api: string; via: string } | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name) {
      let caller: ts.Node | undefined = node.parent;
      while (caller && !ts.isFunctionLike(caller)) caller = caller.parent;
      const api = caller && caller !== fn ? exportedApiName(caller as ts.SignatureDeclaration) : undefined;
      if (api !== undefined) found = { api, via: name };
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.getSourceFile());
  return found;
}

/** A module-level function's own name: `function name() {}` or `const name = () => …`. */
function ownName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name && ts.isSourceFile(fn.parent)) return fn.name.text;
  const holder = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && ts.isSourceFile(holder.parent.parent.parent)) return holder.name.text;
  return undefined;
}
