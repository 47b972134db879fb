import ts = require('typescript');
import { ownMemberName } from './client-resolver.js';
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';
import { IMPORTS_QUEUE_PACKAGE, isQueue } from './queue-reads.js';

/** A call that sends a Bull or BullMQ queue one Redis round trip: adding one job, or reading one count. */
export interface JobQueueCall {
  node: ts.CallExpression;
  /** The method as written: `add`, `getJobCounts`, or a job port's `queue`. */
  method: string;
  /** Adds a job (the others read counts or a job). */
  adds: boolean;
}

/** Queue methods that cost one round trip each (a Lua script or a MULTI); `addBulk` adds a whole batch in one. */
const QUEUE_ROUND_TRIPS = new Set(['add', 'getJob', 'getJobCounts', 'getJobCountByTypes', 'count']);
/** What a job port calls adding one job. */
const PORT_ADDS = new Set(['add', 'queue', 'enqueue', 'addJob', 'queueJob']);
/** A repository or queue named for jobs, as NestJS code injects the queue behind a port (`IJobRepository`). */
const JOB_PORT_NAME = /^I?Jobs?(Repository|Queue)$/i;

/**
 * A job added to, or counted on, a queue: `queue.add(name, data)` on a proven Bull/BullMQ queue, or
 * `this.jobRepository.queue({ name: JobName.X, data })` on the application's job repository, whose
 * implementation adds to a Bull queue behind an interface the file cannot see into.
 */
export function jobQueueCallOf(call: ts.CallExpression, context: DetectionContext): JobQueueCall | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return undefined;
  const method = callee.name.text;
  if (!QUEUE_ROUND_TRIPS.has(method) && !PORT_ADDS.has(method)) return undefined;
  if (QUEUE_ROUND_TRIPS.has(method) && isQueue(callee.expression, context)) return { node: call, method, adds: method === 'add' };
  if (!isJobPort(callee.expression)) return undefined;
  if (PORT_ADDS.has(method)) return isJobArgument(call) ? { node: call, method, adds: true } : undefined;
  return { node: call, method, adds: false };
}

/** `this.jobRepository` typed `IJobRepository`, or named so when its declaration is in a base class out of sight. */
function isJobPort(receiver: ts.Expression): boolean {
  const node = skipOuter(receiver);
  if (!ts.isPropertyAccessExpression(node) || node.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const declaration = ownMemberName(node)?.parent;
  if (!declaration) return JOB_PORT_NAME.test(node.name.text) && isInherited(node);
  const type = ts.isParameter(declaration) || ts.isPropertyDeclaration(declaration) ? declaration.type : undefined;
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  return JOB_PORT_NAME.test(type.typeName.text) && JOB_PORT_NAME.test(node.name.text);
}

/** `this.x` of a class that extends another: a member the base class declares, out of this file's sight. */
function isInherited(access: ts.PropertyAccessExpression): boolean {
  for (let current: ts.Node | undefined = access.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword) ?? false;
  }
  return false;
}

/** A job as a port takes it: `{ name: JobName.X, data }`, or a job name then its data; never a task function (`p-queue`'s `add(() => …)`). */
function isJobArgument(call: ts.CallExpression): boolean {
  const first = call.arguments[0] && skipOuter(call.arguments[0]);
  if (!first) return false;
  if (ts.isObjectLiteralExpression(first)) return first.properties.some((property) => property.name !== undefined && ts.isIdentifier(property.name) && property.name.text === 'name');
  return (ts.isStringLiteralLike(first) || (ts.isPropertyAccessExpression(first) && ts.isIdentifier(first.expression))) && call.arguments.length >= 2;
}

/** Whether a file may hold a job queue call: it imports a queue package or names a job port. */
export function mentionsJobQueue(text: string): boolean {
  return IMPORTS_QUEUE_PACKAGE.test(text) || /\bI?Jobs?(Repository|Queue)\b/i.test(text);
}
