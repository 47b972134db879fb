import ts from 'typescript';
import { CallReader } from './call-reader.js';
import { ClientResolver } from './client-resolver.js';
import type { ClientSite, CodeContext } from './client-site.js';
import type { DetectionContext } from './detection-context.js';
import { HotPaths, type OutgoingHotCall } from './hot-paths.js';
import type { HotPath } from './hot-path.js';
import type { LuaScript } from './lua-script.js';
import type { Batch, RedisCall } from './redis-call.js';
import { createCheckerFinder, createLexicalFinder } from './scope.js';
import { storageOf } from './client-storage.js';
import { findJsonRoundTrips, type JsonRoundTrip } from './json-round-trip.js';
import { AwaitFlowReader, type AwaitFlow } from './await-flow.js';
import { errorListenersOf, type ErrorListener } from './error-listener.js';

/** Everything detection found in one file; every rule reads this instead of the AST. */
export interface FileModel {
  clients: ClientSite[];
  calls: RedisCall[];
  batches: Batch[];
  scripts: LuaScript[];
  /** `client.on('error', …)` registrations on known clients. */
  errorListeners: ErrorListener[];
  /** Functions that read a JSON document from a key and write it back serialized. */
  jsonRoundTrips: JsonRoundTrip[];
  /** Whether a call is awaited, the loop it runs in, and whether it reads an earlier awaited value. */
  awaitFlowOf(call: RedisCall): AwaitFlow;
  /** Hot path of a function, for rules that reason about functions. */
  hotPathOf(fn: ts.SignatureDeclaration | undefined): HotPath | undefined;
  context: DetectionContext;
  /** Calls from this file's hot paths into functions of other files (typed mode). */
  outgoingHotCalls(): readonly OutgoingHotCall[];
  /** Marks a function of this file hot because another file calls it on a hot path. */
  markHot(fn: ts.SignatureDeclaration, path: HotPath): boolean;
}

const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find', 'findIndex']);

/** The one detection pass over a file, shared by every rule. */
export function buildFileModel(sourceFile: ts.SourceFile, checker: ts.TypeChecker | undefined): FileModel {
  const lexical = createLexicalFinder();
  const context: DetectionContext = {
    sourceFile,
    checker,
    finder: checker ? createCheckerFinder(checker, lexical) : lexical,
  };

  const contexts = new Map<ts.Node, CodeContext>();
  const candidates: Array<ts.CallExpression | ts.NewExpression> = [];
  const functions: ts.SignatureDeclaration[] = [];
  const localCalls = new Map<ts.SignatureDeclaration, ts.CallExpression[]>();
  const assignments = new Map<string, ts.Expression[]>();

  let current: CodeContext = { fn: undefined, inLoop: false, hotPath: undefined };

  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const saved = current;
      functions.push(node);
      current = { fn: node, inLoop: isIterationCallback(node), hotPath: undefined };
      ts.forEachChild(node, visit);
      current = saved;
      return;
    }
    if (isLoop(node)) {
      visitLoop(node);
      return;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      candidates.push(node);
      contexts.set(node, current);
      if (ts.isCallExpression(node) && current.fn && isPlainCallee(node.expression)) {
        const list = localCalls.get(current.fn);
        if (list) list.push(node);
        else localCalls.set(current.fn, [node]);
      }
    } else if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
      const target = assignmentTarget(node.left);
      if (target) {
        const list = assignments.get(target);
        if (list) list.push(node.right);
        else assignments.set(target, [node.right]);
      }
    }
    ts.forEachChild(node, visit);
  };

  const visitLoop = (node: ts.IterationStatement): void => {
    const body = node.statement;
    ts.forEachChild(node, (child) => {
      if (child !== body) visit(child);
    });
    const saved = current;
    current = { ...current, inLoop: true };
    visit(body);
    current = saved;
  };

  ts.forEachChild(sourceFile, visit);

  const clients: ClientSite[] = [];
  const resolver = new ClientResolver(context, assignments, (site) => {
    // Typed mode follows bindings into other files; their constructions are reported there.
    if (site.node.getSourceFile() !== sourceFile) return;
    site.context = contexts.get(site.node) ?? site.context;
    clients.push(site);
  });
  const contextOf = (node: ts.Node): CodeContext => contexts.get(node) ?? { fn: undefined, inLoop: false, hotPath: undefined };
  const reader = new CallReader(context, resolver, contextOf);
  const calls: RedisCall[] = [];
  const scripts: LuaScript[] = [];
  const errorListeners: ErrorListener[] = [];
  for (const candidate of candidates) {
    resolver.siteOf(candidate);
    if (ts.isCallExpression(candidate)) {
      const found = reader.read(candidate);
      calls.push(...found.calls);
      scripts.push(...found.scripts);
      errorListeners.push(...errorListenersOf(candidate, resolver, context));
    }
  }
  const callNodes = new Set<ts.Node>(calls.map((call) => call.node));
  const awaitFlow = new AwaitFlowReader((node) => callNodes.has(node));
  const awaitFlowOf = (call: RedisCall): AwaitFlow => awaitFlow.flowOf(call.node);

  const hot = new HotPaths(functions, localCalls, context);
  const hotPathOf = (fn: ts.SignatureDeclaration | undefined): HotPath | undefined => {
    for (let node: ts.Node | undefined = fn; node; node = node.parent) {
      if (ts.isFunctionLike(node)) {
        const path = hot.get(node);
        if (path) return path;
      }
    }
    return undefined;
  };
  const codeContexts = new Set(contexts.values());
  const refreshHotPaths = (): void => {
    for (const codeContext of codeContexts) codeContext.hotPath = hotPathOf(codeContext.fn);
  };
  refreshHotPaths();
  for (const site of clients) {
    const { storage, storedAs } = storageOf(site.node);
    site.storage = storage;
    site.storedAs = storedAs;
  }
  clients.sort((a, b) => a.node.pos - b.node.pos);
  calls.sort((a, b) => a.nameNode.pos - b.nameNode.pos);
  for (const batch of reader.allBatches) batch.calls.sort((a, b) => a.nameNode.pos - b.nameNode.pos);

  const jsonRoundTrips = findJsonRoundTrips(calls, candidates.filter(ts.isCallExpression), context);
  return {
    clients,
    calls,
    batches: reader.allBatches,
    scripts,
    errorListeners,
    jsonRoundTrips,
    awaitFlowOf,
    hotPathOf,
    context,
    outgoingHotCalls: () => hot.outgoing,
    markHot(fn, path) {
      if (!hot.mark(fn, path)) return false;
      refreshHotPaths();
      return true;
    },
  };
}

function isLoop(node: ts.Node): node is ts.IterationStatement {
  return ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

/** `items.forEach(async (item) => …)`: the callback runs once per element. */
function isIterationCallback(fn: ts.Node): boolean {
  const parent = fn.parent;
  if (!parent || !ts.isCallExpression(parent) || !parent.arguments.includes(fn as ts.Expression)) return false;
  const callee = parent.expression;
  return ts.isPropertyAccessExpression(callee) && ITERATION_METHODS.has(callee.name.text);
}

function isPlainCallee(expression: ts.Expression): boolean {
  return ts.isIdentifier(expression) || (ts.isPropertyAccessExpression(expression) && expression.expression.kind === ts.SyntaxKind.ThisKeyword);
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}

function assignmentTarget(left: ts.Expression): string | undefined {
  if (ts.isIdentifier(left)) return left.text;
  if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) return `this.${left.name.text}`;
  return undefined;
}
