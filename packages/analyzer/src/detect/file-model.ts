import ts = require('typescript');
import { queueReadsOf, type QueueRead } from './queue-reads.js';
import { CallReader } from './call-reader.js';
import { ClientResolver } from './client-resolver.js';
import type { ClientRef, ClientSite, CodeContext } from './client-site.js';
import type { DetectionContext } from './detection-context.js';
import { HotPaths, type OutgoingHotCall } from './hot-paths.js';
import type { HotPath } from './hot-path.js';
import { luaLiteralsOf, mentionsLuaCall, type LuaLiteral } from './lua-literals.js';
import type { LuaScript } from './lua-script.js';
import type { Batch, RedisCall } from './redis-call.js';
import { createCheckerFinder, createLexicalFinder } from './scope.js';
import { storageOf } from './client-storage.js';
import { findJsonRoundTrips, type JsonRoundTrip } from './json-round-trip.js';
import { AwaitFlowReader, type AwaitFlow } from './await-flow.js';
import { errorListenersOf, type ErrorListener } from './error-listener.js';
import { storagePath } from './storage-path.js';
import { NarrowingGuards } from './narrowing-guards.js';
import { CommandEvidence } from './command-evidence.js';
import { passThroughHelpers, withHelperCalls, type ForeignHelpers } from './helper-calls.js';
import { RoundTripWrappers } from './round-trip-wrappers.js';
import { mentionsJobQueue } from './job-queue.js';

// The typescript module exposes its API through getters: read the hot ones once, not per node.
const SyntaxKind = ts.SyntaxKind;
const forEachChild = ts.forEachChild;

/** Everything detection found in one file; every rule reads this instead of the AST. */
export interface FileModel {
  clients: ClientSite[];
  calls: RedisCall[];
  batches: Batch[];
  scripts: LuaScript[];
  /** String literals that are Redis Lua scripts, handed to Redis in this file or not. */
  luaLiterals: LuaLiteral[];
  /** `client.on('error', …)` registrations on known clients. */
  errorListeners: ErrorListener[];
  /** Functions that read a JSON document from a key and write it back serialized. */
  jsonRoundTrips: JsonRoundTrip[];
  /** Bull/BullMQ queue reads that return every job in some states. */
  queueReads: QueueRead[];
  /** The file's `new` expressions of anything (a project's own classes among them), from the walk. */
  readonly constructions: readonly ts.NewExpression[];
  /** The file's call expressions of anything, from the walk. */
  readonly invocations: readonly ts.CallExpression[];
  /** What the file assigns to each binding or member, by its path as written (`client`, `this.beatKey`), from the walk. */
  readonly assignments: ReadonlyMap<string, readonly ts.Expression[]>;
  /** Summaries of the functions that wait for a Redis round trip, and the awaited calls of them in loops. */
  roundTripWrappers: RoundTripWrappers;
  /** Whether a call is awaited, the loop it runs in, and whether it reads an earlier awaited value. */
  awaitFlowOf(call: RedisCall): AwaitFlow;
  /** Hot path of a function, for rules that reason about functions. */
  hotPathOf(fn: ts.SignatureDeclaration | undefined): HotPath | undefined;
  context: DetectionContext;
  /** Calls from this file's hot paths into functions of other files (typed mode). */
  outgoingHotCalls(): readonly OutgoingHotCall[];
  /** Typed mode: the commands `fn` (a function of this file) sends on its own parameters, for calls of it in other files. */
  helperCommands(fn: ts.SignatureDeclaration): readonly RedisCall[] | undefined;
  /** Whether some function of this file sends commands on its own parameters (see `helperCommands`). */
  readonly offersHelpers: boolean;
  /** Marks a function of this file hot because another file calls it on a hot path. */
  markHot(fn: ts.SignatureDeclaration, path: HotPath): boolean;
}

const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find', 'findIndex']);

/**
 * The one detection pass over a file, shared by every rule. `wanted`: the commands whose calls the
 * rules read (`wantedCommands`); calls of other commands may be missing from `calls`.
 */
export function buildFileModel(
  sourceFile: ts.SourceFile,
  checker: ts.TypeChecker | undefined,
  clientTypesLoaded = checker !== undefined,
  wanted?: ReadonlySet<string>,
  foreign?: ForeignHelpers,
): FileModel {
  const lexical = createLexicalFinder();
  const context: DetectionContext = {
    sourceFile,
    checker,
    clientTypesLoaded,
    finder: checker ? createCheckerFinder(checker, lexical) : lexical,
  };

  // Untyped, a client can only come from an import of a client package in this very file, and a job queue from its package or its port.
  const walk = checker || importsClientPackage(sourceFile.text) || mentionsJobQueue(sourceFile.text) ? walkOf(sourceFile) : EMPTY_WALK;
  const { candidates, functions, localCalls, assignments, typeTests } = walk;
  // Each model marks its own hot paths on the contexts: the walk's are copied, shared as the walk shares them.
  // Hot paths are worked out when first read: most files of a large program have no Redis site, and no rule asks theirs.
  let hot: HotPaths | undefined;
  let building = false;
  const hotPaths = (): HotPaths | undefined => {
    if (hot || building) return hot;
    building = true;
    hot = new HotPaths(functions, candidates, localCalls, context);
    building = false;
    refreshHotPaths();
    return hot;
  };
  const copies = new Map<CodeContext, CodeContext>();
  const contexts = new Map<ts.Node, CodeContext>();
  for (const [node, shared] of walk.contexts) {
    let own = copies.get(shared);
    if (!own) copies.set(shared, (own = new LazyContext(shared, hotPaths)));
    contexts.set(node, own);
  }

  const hotPathOf = (fn: ts.SignatureDeclaration | undefined): HotPath | undefined => {
    const paths = hotPaths();
    for (let node: ts.Node | undefined = fn; paths && node; node = node.parent) {
      if (ts.isFunctionLike(node)) {
        const path = paths.get(node);
        if (path) return path;
      }
    }
    return undefined;
  };
  const codeContexts = new Set(contexts.values());
  const refreshHotPaths = (): void => {
    for (const codeContext of codeContexts) codeContext.hotPath = hotPathOf(codeContext.fn);
  };

  // The rest is what rules read. It asks the checker about every call, so it waits until a rule asks:
  // an editor's index rebuilds the importers of an edited file and reads only that file's findings.
  // Sites share this model's contexts, so hot marks made before or after still show.
  let found: Findings | undefined;
  let queueReads: QueueRead[] | undefined;
  let luaLiterals: LuaLiteral[] | undefined;
  let roundTripWrappers: RoundTripWrappers | undefined;
  // A file walked only for its job queues, untyped, holds no client to read calls off.
  const clientCandidates = checker || importsClientPackage(sourceFile.text) ? candidates : [];
  // The file's own commands come first and alone: another file's model asks for them (`helperCommands`)
  // while it reads its calls, and two modules that call each other's helpers must not wait on each other.
  let read: DirectFindings | undefined;
  const direct = (): DirectFindings => (read ??= directFindingsOf(context, clientCandidates, typeTests, assignments, contexts, wanted));
  const findings = (): Findings => (found ??= findingsOf(direct(), context, clientCandidates, contexts, foreign));
  let helpers: Map<ts.SignatureDeclaration, RedisCall[]> | undefined;

  return {
    get clients() {
      return findings().clients;
    },
    get calls() {
      return findings().calls;
    },
    get batches() {
      return findings().batches;
    },
    get scripts() {
      return findings().scripts;
    },
    get luaLiterals() {
      return (luaLiterals ??= luaLiteralsOf(sourceFile));
    },
    get errorListeners() {
      return findings().errorListeners;
    },
    get jsonRoundTrips() {
      return findings().jsonRoundTrips;
    },
    get constructions() {
      return candidates.filter(ts.isNewExpression);
    },
    get invocations() {
      return candidates.filter(ts.isCallExpression);
    },
    assignments,
    get queueReads() {
      return (queueReads ??= queueReadsOf(candidates, (node) => contexts.get(node) ?? { fn: undefined, inLoop: false, hotPath: undefined }, context));
    },
    get roundTripWrappers() {
      const { calls, clientOf } = findings();
      return (roundTripWrappers ??= new RoundTripWrappers(calls, candidates, (node) => contexts.get(node) ?? { fn: undefined, inLoop: false, hotPath: undefined }, clientOf, context));
    },
    awaitFlowOf: (call) => findings().awaitFlowOf(call),
    helperCommands: (fn) => (helpers ??= passThroughHelpers(direct().direct)).get(fn),
    get offersHelpers() {
      return (helpers ??= passThroughHelpers(direct().direct)).size > 0;
    },
    hotPathOf,
    context,
    outgoingHotCalls: () => hotPaths()!.outgoing,
    markHot(fn, path) {
      if (!hotPaths()!.mark(fn, path)) return false;
      refreshHotPaths();
      return true;
    },
  };
}

/** A copy of a walk's context whose hot path is worked out for the whole file when first read. */
class LazyContext implements CodeContext {
  readonly fn: ts.SignatureDeclaration | undefined;
  readonly inLoop: boolean;
  private path: HotPath | undefined;

  constructor(
    shared: CodeContext,
    private readonly settle: () => unknown,
  ) {
    this.fn = shared.fn;
    this.inLoop = shared.inLoop;
  }

  get hotPath(): HotPath | undefined {
    this.settle();
    return this.path;
  }

  set hotPath(path: HotPath | undefined) {
    this.path = path;
  }
}

/** What the walk of a file collects. Syntax only, so it holds for every program that shares the `SourceFile`. */
interface Walk {
  contexts: ReadonlyMap<ts.Node, CodeContext>;
  candidates: ReadonlyArray<ts.CallExpression | ts.NewExpression>;
  functions: readonly ts.SignatureDeclaration[];
  localCalls: ReadonlyMap<ts.SignatureDeclaration, ts.CallExpression[]>;
  assignments: Map<string, ts.Expression[]>;
  typeTests: ts.BinaryExpression[];
}

const EMPTY_WALK: Walk = { contexts: new Map(), candidates: [], functions: [], localCalls: new Map(), assignments: new Map(), typeTests: [] };

/** An editor's next program shares every file but the edited one: the importers it rebuilds are not walked again. */
const walks = new WeakMap<ts.SourceFile, Walk>();
/**
 * An edited file's incremental parse keeps every top-level statement the edit did not touch, subtree
 * and all: only the edited statements are walked again. A top-level statement's walk depends on its
 * subtree alone (it starts outside any function and loop).
 */
const statementWalks = new WeakMap<ts.Statement, Walk>();

function walkOf(sourceFile: ts.SourceFile): Walk {
  let walk = walks.get(sourceFile);
  if (!walk) walks.set(sourceFile, (walk = walkFile(sourceFile)));
  return walk;
}

/** A walk to fill: an empty collection of each kind. */
function newWalk() {
  return {
    contexts: new Map<ts.Node, CodeContext>(),
    candidates: [] as Array<ts.CallExpression | ts.NewExpression>,
    functions: [] as ts.SignatureDeclaration[],
    localCalls: new Map<ts.SignatureDeclaration, ts.CallExpression[]>(),
    assignments: new Map<string, ts.Expression[]>(),
    typeTests: [] as ts.BinaryExpression[],
  };
}

function walkFile(sourceFile: ts.SourceFile): Walk {
  const { contexts, candidates, functions, localCalls, assignments, typeTests } = newWalk();
  // A file parsed without parent pointers gets them from this walk instead of a second one.
  const needsParents = sourceFile.statements.length > 0 && sourceFile.statements[0]!.parent === undefined;
  for (const statement of sourceFile.statements) {
    if (needsParents) (statement as { parent: ts.Node }).parent = sourceFile;
    let walk = statementWalks.get(statement);
    if (!walk) statementWalks.set(statement, (walk = walkStatement(statement, needsParents)));
    for (const [node, context] of walk.contexts) contexts.set(node, context);
    candidates.push(...walk.candidates);
    functions.push(...walk.functions);
    // Functions are the statement's own: no other statement adds to their lists.
    for (const [fn, calls] of walk.localCalls) localCalls.set(fn, [...calls]);
    for (const [target, values] of walk.assignments) {
      const list = assignments.get(target);
      if (list) list.push(...values);
      else assignments.set(target, [...values]);
    }
    typeTests.push(...walk.typeTests);
  }
  if (needsParents) (sourceFile.endOfFileToken as { parent: ts.Node }).parent = sourceFile;
  return { contexts, candidates, functions, localCalls, assignments, typeTests };
}

function walkStatement(statement: ts.Statement, needsParents: boolean): Walk {
  const { contexts, candidates, functions, localCalls, assignments, typeTests } = newWalk();
  let current: CodeContext = { fn: undefined, inLoop: false, hotPath: undefined };

  const visit = (node: ts.Node): void => {
    const kind = node.kind;
    // Types, interfaces and imports hold no calls, so the walk does not enter them.
    if (kind >= SyntaxKind.FirstTypeNode && kind <= SyntaxKind.LastTypeNode) {
      if (needsParents) setParents(node);
      return;
    }
    switch (kind) {
      case SyntaxKind.InterfaceDeclaration:
      case SyntaxKind.TypeAliasDeclaration:
      case SyntaxKind.ImportDeclaration:
      case SyntaxKind.ExportDeclaration:
        if (needsParents) setParents(node);
        return;
      case SyntaxKind.ForStatement:
      case SyntaxKind.ForOfStatement:
      case SyntaxKind.ForInStatement:
      case SyntaxKind.WhileStatement:
      case SyntaxKind.DoStatement:
        visitLoop(node as ts.IterationStatement);
        return;
      case SyntaxKind.CallExpression:
      case SyntaxKind.NewExpression: {
        const call = node as ts.CallExpression | ts.NewExpression;
        candidates.push(call);
        contexts.set(call, current);
        if (kind === SyntaxKind.CallExpression && current.fn && isPlainCallee(call.expression)) {
          const list = localCalls.get(current.fn);
          if (list) list.push(call as ts.CallExpression);
          else localCalls.set(current.fn, [call as ts.CallExpression]);
        }
        break;
      }
      case SyntaxKind.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        if (isTypeTest(binary.operatorToken.kind)) typeTests.push(binary);
        if (!isAssignment(binary.operatorToken.kind)) break;
        const target = storagePath(binary.left);
        if (target) {
          const list = assignments.get(target);
          if (list) list.push(binary.right);
          else assignments.set(target, [binary.right]);
        }
        break;
      }
      case SyntaxKind.FunctionDeclaration:
      case SyntaxKind.FunctionExpression:
      case SyntaxKind.ArrowFunction:
      case SyntaxKind.MethodDeclaration:
      case SyntaxKind.Constructor:
      case SyntaxKind.GetAccessor:
      case SyntaxKind.SetAccessor: {
        const fn = node as ts.FunctionLikeDeclaration;
        if (!fn.body) return;
        const saved = current;
        functions.push(fn);
        current = { fn, inLoop: isIterationCallback(fn), hotPath: undefined };
        descend(fn);
        current = saved;
        return;
      }
    }
    descend(node);
  };

  const descend = needsParents
    ? (node: ts.Node): void => {
        forEachChild(node, (child) => {
          (child as { parent: ts.Node }).parent = node;
          visit(child);
        });
      }
    : (node: ts.Node): void => {
        forEachChild(node, visit);
      };

  const visitLoop = (node: ts.IterationStatement): void => {
    const body = node.statement;
    forEachChild(node, (child) => {
      if (needsParents) (child as { parent: ts.Node }).parent = node;
      if (child !== body) visit(child);
    });
    const saved = current;
    current = { ...current, inLoop: true };
    visit(body);
    current = saved;
  };

  visit(statement);
  return { contexts, candidates, functions, localCalls, assignments, typeTests };
}

type Findings = Pick<FileModel, 'clients' | 'calls' | 'batches' | 'scripts' | 'errorListeners' | 'jsonRoundTrips' | 'awaitFlowOf'> & {
  /** The commands this file sends itself, before its helpers' calls stand in for them. */
  direct: RedisCall[];
  /** The client an expression of this file is, when known. */
  clientOf(expression: ts.Expression): ClientRef | undefined;
};

/** What the file sends and builds itself, before another module's helpers are read at its calls. */
interface DirectFindings {
  clients: ClientSite[];
  direct: RedisCall[];
  scripts: LuaScript[];
  errorListeners: ErrorListener[];
  reader: CallReader;
  resolver: ClientResolver;
}

function directFindingsOf(
  context: DetectionContext,
  candidates: ReadonlyArray<ts.CallExpression | ts.NewExpression>,
  typeTests: ts.BinaryExpression[],
  assignments: Map<string, ts.Expression[]>,
  contexts: ReadonlyMap<ts.Node, CodeContext>,
  wanted: ReadonlySet<string> | undefined,
): DirectFindings {
  const { sourceFile, checker } = context;
  const clients: ClientSite[] = [];
  const resolver = new ClientResolver(context, assignments, (site) => {
    // Typed mode follows bindings into other files; their constructions are reported there.
    if (site.node.getSourceFile() !== sourceFile) return;
    site.context = contexts.get(site.node) ?? site.context;
    clients.push(site);
  }, checker ? new NarrowingGuards(candidates, typeTests, checker) : undefined, checker ? new CommandEvidence(candidates, context) : undefined);
  const reader = new CallReader(context, resolver, contextOfIn(contexts), wanted);
  const direct: RedisCall[] = [];
  const scripts: LuaScript[] = [];
  const errorListeners: ErrorListener[] = [];
  for (const candidate of candidates) {
    resolver.siteOf(candidate);
    if (ts.isCallExpression(candidate)) {
      const found = reader.read(candidate);
      direct.push(...found.calls);
      scripts.push(...found.scripts);
      errorListeners.push(...errorListenersOf(candidate, resolver, context, assignments));
    }
  }
  // In source order, whoever asks first: the helpers other files read are built from it.
  direct.sort((a, b) => a.nameNode.pos - b.nameNode.pos);
  return { clients, direct, scripts, errorListeners, reader, resolver };
}

function contextOfIn(contexts: ReadonlyMap<ts.Node, CodeContext>): (node: ts.Node) => CodeContext {
  return (node) => contexts.get(node) ?? { fn: undefined, inLoop: false, hotPath: undefined };
}

function findingsOf(
  own: DirectFindings,
  context: DetectionContext,
  candidates: ReadonlyArray<ts.CallExpression | ts.NewExpression>,
  contexts: ReadonlyMap<ts.Node, CodeContext>,
  foreign: ForeignHelpers | undefined,
): Findings {
  const { clients, direct, scripts, errorListeners, reader, resolver } = own;
  const calls = direct.length > 0 || foreign ? withHelperCalls(direct, candidates, contextOfIn(contexts), context, foreign) : direct;
  const callNodes = new Set<ts.Node>(calls.map((call) => call.node));
  const awaitFlow = new AwaitFlowReader((node) => callNodes.has(node));
  for (const site of clients) {
    const { storage, storedAs } = storageOf(site.node);
    site.storage = storage;
    site.storedAs = storedAs;
  }
  clients.sort((a, b) => a.node.pos - b.node.pos);
  calls.sort((a, b) => a.nameNode.pos - b.nameNode.pos);
  for (const batch of reader.allBatches) batch.calls.sort((a, b) => a.nameNode.pos - b.nameNode.pos);
  return {
    clients,
    calls,
    direct,
    batches: reader.allBatches,
    scripts,
    errorListeners,
    jsonRoundTrips: findJsonRoundTrips(calls, candidates.filter(ts.isCallExpression), context),
    awaitFlowOf: (call) => awaitFlow.flowOf(call.node),
    clientOf: (expression) => resolver.receiverOf(expression),
  };
}

function setParents(node: ts.Node): void {
  forEachChild(node, (child) => {
    (child as { parent: ts.Node }).parent = node;
    setParents(child);
  });
}

/** Untyped, a file that names no client package cannot hold a client. */
export function mentionsClientPackage(text: string): boolean {
  return /redis|valkey|@vercel\/kv/i.test(text);
}

/** Whether a file names a client package in a string (an import, a `require`, an `import()`): untyped, only such a file can hold a client. */
export function importsClientPackage(text: string): boolean {
  return /['"`](?:ioredis|iovalkey|redis|async-redis|@redis\/client|@node-redis\/client|@upstash\/redis|@vercel\/kv|@valkey\/valkey-glide|@liaoliaots\/nestjs-redis|@nestjs-modules\/ioredis)['"`/]/.test(text);
}

/**
 * Untyped, whether any rule can find something in the file: only a file that imports a client package
 * (its clients), names a job queue (its queue reads) or calls `redis.call` (its Lua scripts) gets a walk.
 * A host need not even parse the others.
 */
export function untypedFileMayHoldRedis(text: string): boolean {
  return importsClientPackage(text) || mentionsJobQueue(text) || mentionsLuaCall(text);
}


/** `items.forEach(async (item) => …)`: the callback runs once per element. */
function isIterationCallback(fn: ts.Node): boolean {
  const parent = fn.parent;
  if (!parent || !ts.isCallExpression(parent) || !parent.arguments.includes(fn as ts.Expression)) return false;
  const callee = parent.expression;
  return ts.isPropertyAccessExpression(callee) && ITERATION_METHODS.has(callee.name.text);
}

/** `helper()`, `this.helper()`, and a method of a named object: `cache.list()`, `this.followService.list()`. */
function isPlainCallee(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return true;
  // `reports[name](…)`: a module's function by run-time name (see `moduleFunctionsByName`).
  if (ts.isElementAccessExpression(expression)) return ts.isIdentifier(expression.expression) && !ts.isStringLiteralLike(expression.argumentExpression) && !ts.isNumericLiteral(expression.argumentExpression);
  if (!ts.isPropertyAccessExpression(expression)) return false;
  const receiver = expression.expression;
  if (receiver.kind === SyntaxKind.ThisKeyword) return true;
  if (ts.isIdentifier(receiver)) return !GLOBAL_OBJECTS.has(receiver.text);
  return ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === SyntaxKind.ThisKeyword;
}

/** Receivers whose methods are never the application's own functions. */
const GLOBAL_OBJECTS = new Set(['console', 'JSON', 'Math', 'Object', 'Array', 'Promise', 'Number', 'String', 'Date', 'Reflect', 'process', 'res', 'reply', 'ctx', 'req', 'request', 'response', 'logger', 'log', 'path', 'fs', 'crypto', 'Buffer']);

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind === SyntaxKind.EqualsToken || kind === SyntaxKind.QuestionQuestionEqualsToken || kind === SyntaxKind.BarBarEqualsToken;
}

/** `instanceof` and the comparisons that can narrow by `.constructor`. */
function isTypeTest(kind: ts.SyntaxKind): boolean {
  return kind === SyntaxKind.InstanceOfKeyword || kind === SyntaxKind.EqualsEqualsEqualsToken || kind === SyntaxKind.EqualsEqualsToken || kind === SyntaxKind.ExclamationEqualsEqualsToken || kind === SyntaxKind.ExclamationEqualsToken;
}


