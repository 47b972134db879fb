import ts = require('typescript');
import type { CodeContext } from './client-site.js';
import { ownMemberName } from './client-resolver.js';
import type { DetectionContext } from './detection-context.js';
import { moduleBindingOf, skipOuter } from './module-binding.js';

/**
 * Reads of a Bull or BullMQ queue that return every job in some states: `getJobs(types)`,
 * `getWaiting()`, `getFailed(0, -1)` … default to `start = 0, end = -1`, which is LRANGE/ZRANGE
 * 0 -1 over each state's list or set, then one HGETALL per job.
 */
export interface QueueRead {
  node: ts.CallExpression;
  method: string;
  context: CodeContext;
}

/** The queue method and the index of its `end` argument. */
const WHOLE_STATE_READS: Record<string, number> = {
  getJobs: 2,
  getWaiting: 1,
  getActive: 1,
  getDelayed: 1,
  getCompleted: 1,
  getFailed: 1,
  getPrioritized: 1,
  getWaitingChildren: 1,
};

const QUEUE_PACKAGE = /^(bull|bullmq|@nestjs\/bull|@nestjs\/bullmq)$/;
export const IMPORTS_QUEUE_PACKAGE = /['"](bull|bullmq|@nestjs\/bullmq?)['"]/;

export function queueReadsOf(
  candidates: ReadonlyArray<ts.CallExpression | ts.NewExpression>,
  contextOf: (node: ts.Node) => CodeContext,
  context: DetectionContext,
): QueueRead[] {
  if (!IMPORTS_QUEUE_PACKAGE.test(context.sourceFile.text)) return [];
  const reads: QueueRead[] = [];
  for (const call of candidates) {
    if (!ts.isCallExpression(call)) continue;
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) continue;
    const method = callee.name.text;
    const endIndex = WHOLE_STATE_READS[method];
    if (endIndex === undefined || !readsToTheEnd(call.arguments[endIndex]) || !isQueue(callee.expression, context)) continue;
    reads.push({ node: call, method, context: contextOf(call) });
  }
  return reads;
}

function readsToTheEnd(end: ts.Expression | undefined): boolean {
  if (end === undefined) return true;
  const node = skipOuter(end);
  return ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand) && node.operand.text === '1';
}

/** A queue by its declaration: built with `new Queue(…)` of a queue package, typed as its `Queue`, or injected with `@InjectQueue()`. */
export function isQueue(receiver: ts.Expression, context: DetectionContext): boolean {
  const declaration = declarationOf(skipOuter(receiver), context);
  if (!declaration) return false;
  if (ts.canHaveDecorators(declaration) && ts.getDecorators(declaration)?.some((decorator) => /^InjectQueue\b/.test(decorator.expression.getText()))) return true;
  if ('type' in declaration && declaration.type && ts.isTypeReferenceNode(declaration.type)) {
    const name = declaration.type.typeName;
    if (fromQueuePackage(ts.isIdentifier(name) ? name : rootOf(name), context)) return true;
  }
  const initializer = 'initializer' in declaration && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
  if (initializer && ts.isNewExpression(initializer)) {
    const built = skipOuter(initializer.expression);
    return fromQueuePackage(ts.isIdentifier(built) ? built : ts.isPropertyAccessExpression(built) && ts.isIdentifier(built.expression) ? built.expression : undefined, context);
  }
  return false;
}

type QueueHolder = ts.VariableDeclaration | ts.ParameterDeclaration | ts.PropertyDeclaration;

function declarationOf(receiver: ts.Expression, context: DetectionContext): QueueHolder | undefined {
  if (ts.isIdentifier(receiver)) {
    const found = context.finder.find(receiver);
    return found && (ts.isVariableDeclaration(found) || ts.isParameter(found) || ts.isPropertyDeclaration(found)) ? found : undefined;
  }
  if (!ts.isPropertyAccessExpression(receiver) || receiver.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const member = ownMemberName(receiver)?.parent;
  return member && (ts.isPropertyDeclaration(member) || ts.isParameter(member)) ? member : undefined;
}

function rootOf(name: ts.QualifiedName): ts.Identifier | undefined {
  let node: ts.EntityName = name;
  while (ts.isQualifiedName(node)) node = node.left;
  return node;
}

function fromQueuePackage(name: ts.Identifier | undefined, context: DetectionContext): boolean {
  const declaration = name && context.finder.find(name);
  const binding = declaration && moduleBindingOf(declaration);
  return binding !== undefined && QUEUE_PACKAGE.test(binding.module);
}
