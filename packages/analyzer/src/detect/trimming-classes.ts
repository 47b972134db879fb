import ts = require('typescript');
import type { DetectionContext } from './detection-context.js';
import { resolveKey } from './key-resolver.js';
import { skipOuter } from './module-binding.js';

/** What keeps a stream short, sent on a field: its processed entries deleted, the stream trimmed, deleted or expired. */
const BOUNDING_METHOD = /^(xdel|xtrim|del|unlink|expire|pexpire)$/i;

/**
 * The signatures of the keys this file hands to a class that bounds the stream it is given:
 * `new RedisStream(STREAM_KEY)` where the class keeps its constructor's key as `this.streamKey` and a
 * method sends `xdel(this.streamKey, …)` (here, or with a checker in the module the class comes from).
 */
export function keysBoundedByClasses(sourceFile: ts.SourceFile, context: DetectionContext): Set<string> {
  const bounded = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(skipOuter(node.expression)) && node.arguments?.length) {
      const declaration = context.finder.find(skipOuter(node.expression) as ts.Identifier);
      if (declaration && ts.isClassDeclaration(declaration) && !declaration.getSourceFile().isDeclarationFile) {
        for (const index of boundedParameters(declaration)) {
          const argument = node.arguments[index];
          if (argument && !ts.isSpreadElement(argument)) bounded.add(resolveKey(argument, context).signature);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return bounded;
}

/** The constructor parameters a class keeps in a field and bounds through it. */
function boundedParameters(declaration: ts.ClassDeclaration): number[] {
  const constructor = declaration.members.find(ts.isConstructorDeclaration);
  if (!constructor) return [];
  const fields = new Map<string, number>();
  constructor.parameters.forEach((parameter, index) => {
    if (!ts.isIdentifier(parameter.name)) return;
    // `constructor(private streamKey: string)`, or `this.key = key` in its body.
    if (ts.getModifiers(parameter)?.length) fields.set(parameter.name.text, index);
    const name = parameter.name.text;
    constructor.body?.statements.forEach((statement) => {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return;
      const { left, right, operatorToken } = statement.expression;
      if (operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(right) && right.text === name) fields.set(left.name.text, index);
    });
  });
  const found = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && BOUNDING_METHOD.test(node.expression.name.text)) {
      const [first] = node.arguments;
      const key = first && skipOuter(first);
      if (key && ts.isPropertyAccessExpression(key) && key.expression.kind === ts.SyntaxKind.ThisKeyword && fields.has(key.name.text)) found.add(fields.get(key.name.text)!);
    }
    ts.forEachChild(node, visit);
  };
  for (const member of declaration.members) if (!ts.isConstructorDeclaration(member)) visit(member);
  return [...found];
}
