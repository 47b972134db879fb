import ts = require('typescript');
import { setsExpiry } from './expiry.js';
import type { FileModel } from './file-model.js';
import { resolveKey } from './key-resolver.js';
import { skipOuter } from './module-binding.js';
import { isWithin } from './node-range.js';
import type { RedisCall } from './redis-call.js';

/** Commands that keep a stream from growing without MAXLEN: its entries deleted once processed, or the stream itself deleted or expired. */
const BOUNDING_COMMANDS = new Set(['XTRIM', 'XDEL', 'XDELEX', 'DEL', 'UNLINK']);

/** Whether a command keeps the stream it names from growing (a trim, a deletion, an expiry). */
export function boundsStream(call: RedisCall): boolean {
  return BOUNDING_COMMANDS.has(call.command) || setsExpiry(call);
}

/**
 * The signatures of the keys a file hands to a class that bounds the stream it is given:
 * `new RedisStream(STREAM_KEY)` where the class keeps its constructor's key as `this.streamKey` and one
 * of its methods sends `xdel(this.streamKey, …)`. `models`: this file's and (typed) the files linked to
 * it, whose commands say what the class sends.
 */
export function keysBoundedByClasses(model: FileModel, models: readonly FileModel[]): Set<string> {
  const bounded = new Set<string>();
  for (const construction of model.constructions) {
    const callee = skipOuter(construction.expression);
    const declaration = ts.isIdentifier(callee) ? model.context.finder.find(callee) : undefined;
    if (!declaration || !ts.isClassDeclaration(declaration) || !construction.arguments?.length) continue;
    const owner = models.find((candidate) => candidate.context.sourceFile === declaration.getSourceFile());
    if (!owner) continue;
    for (const index of boundedParameters(declaration, owner.calls)) {
      const argument = construction.arguments[index];
      if (argument && !ts.isSpreadElement(argument)) bounded.add(resolveKey(argument, model.context).signature);
    }
  }
  return bounded;
}

/** The constructor parameters a class keeps in a field and bounds through it, by the commands its methods send. */
function boundedParameters(declaration: ts.ClassDeclaration, calls: readonly RedisCall[]): number[] {
  const constructor = declaration.members.find(ts.isConstructorDeclaration);
  if (!constructor) return [];
  const fields = new Map<string, number>();
  constructor.parameters.forEach((parameter, index) => {
    if (!ts.isIdentifier(parameter.name)) return;
    const name = parameter.name.text;
    // `constructor(private streamKey: string)`, or `this.key = key` in its body.
    if (ts.getModifiers(parameter)?.length) fields.set(name, index);
    for (const statement of constructor.body?.statements ?? []) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
      const { left, right, operatorToken } = statement.expression;
      if (operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(right) && right.text === name) fields.set(left.name.text, index);
    }
  });
  const found = new Set<number>();
  for (const call of calls) {
    const key = call.keys[0] && skipOuter(call.keys[0].node);
    if (!key || !boundsStream(call) || !isWithin(call.node, declaration)) continue;
    if (ts.isPropertyAccessExpression(key) && key.expression.kind === ts.SyntaxKind.ThisKeyword && fields.has(key.name.text)) found.add(fields.get(key.name.text)!);
  }
  return [...found];
}
