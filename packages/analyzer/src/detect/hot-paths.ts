import ts = require('typescript');
import type { HotPath } from './hot-path.js';
import type { DetectionContext } from './detection-context.js';
import { moduleBindingOf, skipOuter } from './module-binding.js';
import { propertyNameText } from './key-resolver.js';
import { calleeFunction, moduleFunctionsByName } from './callee-function.js';
import { ownExportName } from './exported-api.js';
import { helperNameOf } from './helper-calls.js';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'route']);
const NEXT_ROUTE_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const NEST_ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Sse', 'MessagePattern', 'EventPattern']);
const NEST_RESOLVER_DECORATORS = new Set(['Query', 'Mutation', 'ResolveField', 'Subscription']);
const GRAPHQL_ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
/** Modules whose default or named export makes an app or router whose `.use(fn)` registers per-request code. */
const FRAMEWORK_MODULES: Record<string, string> = {
  express: 'Express',
  koa: 'Koa',
  'koa-router': 'Koa',
  '@koa/router': 'Koa',
  fastify: 'Fastify',
  hono: 'Hono',
  'socket.io': 'socket.io',
  ws: 'WebSocket',
  websocket: 'WebSocket',
};

/** Events a websocket server emits once per connecting client: `ws`/socket.io `connection`, the `websocket` package's `request`. */
const CONNECTION_EVENTS = new Set(['connection', 'request']);

/** A call from a hot function to a function declared in another file (typed mode). */
export interface OutgoingHotCall {
  callee: ts.SignatureDeclaration;
  path: HotPath;
}

/**
 * The functions of a file that run per request: framework handlers, Next.js route exports, NestJS
 * controller and resolver methods, GraphQL resolver maps, websocket message handlers, and the
 * functions they call (transitively). Calls into other files are collected as `outgoing`, so a
 * whole-project analysis can mark those functions hot in their own files.
 */
export class HotPaths {
  private readonly hot = new Map<ts.SignatureDeclaration, HotPath>();
  readonly outgoing: OutgoingHotCall[] = [];

  constructor(
    functions: readonly ts.SignatureDeclaration[],
    calls: ReadonlyArray<ts.CallExpression | ts.NewExpression>,
    private readonly localCalls: ReadonlyMap<ts.SignatureDeclaration, ts.CallExpression[]>,
    private readonly context: DetectionContext,
  ) {
    const seeds: ts.SignatureDeclaration[] = [];
    for (const fn of functions) {
      const label = handlerLabel(fn, context);
      if (label) {
        this.hot.set(fn, { kind: 'handler', label });
        seeds.push(fn);
      }
    }
    // Handlers registered by name (`app.get('/list', companies.getList)`, `new Worker('mail', sendMail)`), here or in another file.
    for (const { fn, label } of referencedHandlers(calls, context)) {
      if (this.hot.has(fn)) continue;
      const path: HotPath = { kind: 'handler', label };
      if (fn.getSourceFile() !== context.sourceFile) {
        if (!fn.getSourceFile().isDeclarationFile) this.outgoing.push({ callee: fn, path });
        continue;
      }
      this.hot.set(fn, path);
      seeds.push(fn);
    }
    this.propagate(seeds);
  }

  get(fn: ts.SignatureDeclaration): HotPath | undefined {
    return this.hot.get(fn);
  }

  /** Marks a function of this file hot because code elsewhere calls it on a hot path; false when it already was. */
  mark(fn: ts.SignatureDeclaration, path: HotPath): boolean {
    if (this.hot.has(fn)) return false;
    this.hot.set(fn, path);
    this.propagate([fn]);
    return true;
  }

  private propagate(queue: ts.SignatureDeclaration[]): void {
    while (queue.length > 0) {
      const caller = queue.pop()!;
      const origin = this.hot.get(caller)!;
      for (const call of localCallsWithin(caller, this.localCalls)) {
        for (const { callee, label } of calledFunctions(call, this.context)) {
          if (this.hot.has(callee)) continue;
          const path: HotPath = { kind: 'called-from-handler', label: `${label} from ${origin.label}` };
          if (callee.getSourceFile() !== this.context.sourceFile) {
            if (!callee.getSourceFile().isDeclarationFile) this.outgoing.push({ callee, path });
            continue;
          }
          this.hot.set(callee, path);
          queue.push(callee);
        }
      }
    }
  }
}

/** Calls made by `fn` itself or by functions nested inside it. */
function localCallsWithin(fn: ts.SignatureDeclaration, localCalls: ReadonlyMap<ts.SignatureDeclaration, ts.CallExpression[]>): ts.CallExpression[] {
  const result: ts.CallExpression[] = [];
  for (const [owner, calls] of localCalls) {
    if (owner === fn || isInside(owner, fn)) result.push(...calls);
  }
  return result;
}

function isInside(node: ts.Node, ancestor: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

function calleeName(call: ts.CallExpression): string {
  const callee = skipOuter(call.expression);
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : 'function';
}

/**
 * The functions a call may invoke: `helper()` (in this file, or in another with a checker), `this.helper()`,
 * or with a checker every function a local module exports, for a call by run-time name (`reports[name]()`).
 */
function calledFunctions(call: ts.CallExpression, context: DetectionContext): Array<{ callee: ts.SignatureDeclaration; label: string }> {
  const callee = skipOuter(call.expression);
  if (ts.isElementAccessExpression(callee)) {
    return moduleFunctionsByName(callee, context).map((fn) => ({ callee: fn, label: `${ownExportName(fn) ?? helperNameOf(fn) ?? 'function'}(), called by name` }));
  }
  const fn = ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee) ? calleeFunction(callee, context) : undefined;
  return fn ? [{ callee: fn, label: `${calleeName(call)}(), called` }] : [];
}


/** Methods and constructors that register a function to run per request, per message or per job. */
const REGISTRATIONS = new Set([...ROUTE_METHODS, 'on', 'addListener', 'process', 'subscribe', 'pSubscribe', 'sSubscribe', 'SUBSCRIBE', 'PSUBSCRIBE', 'Worker']);

/**
 * Functions handed by reference to a registration: `router.get('/list', companies.getList)`, a wrapped
 * one (`asyncHandler(listUsers)`, `wrap(async (req, res) => …)`), `new Worker('mail', sendMail)`.
 */
function referencedHandlers(calls: ReadonlyArray<ts.CallExpression | ts.NewExpression>, context: DetectionContext): Array<{ fn: ts.FunctionLikeDeclaration; label: string }> {
  const found: Array<{ fn: ts.FunctionLikeDeclaration; label: string }> = [];
  for (const call of calls) {
    const callee = skipOuter(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) && ts.isNewExpression(call) ? callee.text : undefined;
    if (!name || !REGISTRATIONS.has(name) || !call.arguments) continue;
    if (name === 'route' && ts.isCallExpression(call)) found.push(...routeObjectHandlers(call, context));
    if (call.arguments.length < 2) continue;
    for (const argument of call.arguments) {
      const handlers = handlerExpressions(argument);
      if (handlers.length === 0) continue;
      const label = ts.isCallExpression(call) ? (routeLabel(call, argument, context) ?? jobLabel(call, argument)) : jobLabel(call, argument);
      if (!label) continue;
      for (const handler of handlers) {
        const fn = calleeFunction(handler, context);
        if (fn) found.push({ fn, label });
      }
    }
  }
  return found;
}

/** Hapi's `server.route({ method, path, handler: users.list })`, or an array of such routes. */
function routeObjectHandlers(call: ts.CallExpression, context: DetectionContext): Array<{ fn: ts.FunctionLikeDeclaration; label: string }> {
  const [first] = call.arguments;
  const routes = first && skipOuter(first);
  const objects = !routes ? [] : ts.isArrayLiteralExpression(routes) ? routes.elements.map(skipOuter) : [routes];
  return objects.flatMap((object) => {
    if (!ts.isObjectLiteralExpression(object)) return [];
    const handler = object.properties.find((property) => ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'handler');
    const reference = handler && ts.isPropertyAssignment(handler) ? skipOuter(handler.initializer) : undefined;
    if (!reference || !(ts.isIdentifier(reference) || ts.isPropertyAccessExpression(reference))) return [];
    const fn = calleeFunction(reference, context);
    return fn ? [{ fn, label: routeObjectLabel(object) }] : [];
  });
}

function routeObjectLabel(route: ts.ObjectLiteralExpression): string {
  const url = routeOption(route, 'url') ?? routeOption(route, 'path');
  const method = routeOption(route, 'method');
  return `the route handler for ${method ? `${method.toUpperCase()} ` : ''}${url ?? 'a route'}`;
}

/** A handler named by reference (`getList`, `users.list`), or what a wrapper call is given (`asyncHandler(getList)`); inline functions are found as functions. */
function handlerExpressions(argument: ts.Expression): ts.Expression[] {
  const node = skipOuter(argument);
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) return [node];
  if (!ts.isCallExpression(node)) return [];
  // `createNickname.bind(null, socket)`: the function bound.
  const callee = skipOuter(node.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') return handlerExpressions(callee.expression);
  return node.arguments.map(skipOuter).filter((inner) => ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) || ts.isArrowFunction(inner) || ts.isFunctionExpression(inner));
}

function handlerLabel(fn: ts.SignatureDeclaration, context: DetectionContext): string | undefined {
  return nextRouteLabel(fn, context) ?? routeModuleLabel(fn, context) ?? nestLabel(fn) ?? registeredHandlerLabel(fn, context) ?? graphqlLabel(fn) ?? procedureLabel(fn) ?? jobProcessorLabel(fn) ?? socketHandlerLabel(fn, context);
}

/**
 * A function handed one client's websocket (`handleEchoConnection(socket: ws.WebSocket)`): it runs
 * per connection wherever the server dispatches to it from (a route map, another module).
 */
function socketHandlerLabel(fn: ts.SignatureDeclaration, context: DetectionContext): string | undefined {
  if (!ts.isFunctionDeclaration(fn) && !ts.isMethodDeclaration(fn)) return undefined;
  for (const parameter of fn.parameters) {
    const type = parameter.type;
    if (!type || !ts.isTypeReferenceNode(type)) continue;
    const name = type.typeName;
    const base = ts.isIdentifier(name) ? name : name.left;
    const member = ts.isIdentifier(name) ? undefined : name.right.text;
    if (!ts.isIdentifier(base)) continue;
    const declaration = context.finder.find(base);
    const binding = declaration && moduleBindingOf(declaration);
    if (!binding) continue;
    const exported = member ?? binding.exported;
    const socket = (binding.module === 'ws' && /^(WebSocket|default|\*)$/.test(exported) && (member === undefined || member === 'WebSocket')) || (binding.module === 'socket.io' && exported === 'Socket');
    if (socket) return `the websocket connection handler ${fn.name?.getText() ?? 'function'}`;
  }
  return undefined;
}

const ROUTE_MODULE_EXPORTS = new Set(['loader', 'action', 'load', 'actions', ...NEXT_ROUTE_EXPORTS, 'fallback']);

/**
 * Functions a framework calls per request by their module's shape: Next.js server actions (`'use
 * server'`), Remix / React Router `loader` and `action` exports of route modules, SvelteKit
 * `+server` handlers and `+page.server` `load` and `actions`.
 */
function routeModuleLabel(fn: ts.SignatureDeclaration, context: DetectionContext): string | undefined {
  const exported = exportedName(fn) ?? actionsMemberName(fn);
  if (exported !== undefined && (hasUseServer(context.sourceFile) || hasUseServer(fn))) return `the Next.js server action ${exported}`;
  if (exported === undefined) return undefined;
  const fileName = context.sourceFile.fileName.replace(/\\/g, '/');
  if (/\/\+(server|page\.server|layout\.server)\.[cm]?[jt]s$/.test(fileName) && ROUTE_MODULE_EXPORTS.has(exported)) return `the SvelteKit ${exported} of ${fileName.split('/').slice(-2, -1)[0] ?? 'a route'}`;
  if (/(^|\/)(app\/)?routes\//.test(fileName) && (exported === 'loader' || exported === 'action')) return `the ${exported} of the route module ${fileName.split('/').at(-1)}`;
  return undefined;
}

function hasUseServer(node: ts.Node): boolean {
  const statements = ts.isSourceFile(node) ? node.statements : ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body && ts.isBlock((node as ts.FunctionLikeDeclaration).body!) ? ((node as ts.FunctionLikeDeclaration).body as ts.Block).statements : undefined;
  const first = statements?.[0];
  return first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server';
}

/** A member of SvelteKit's `export const actions = { default: async () => … }`. */
function actionsMemberName(fn: ts.SignatureDeclaration): string | undefined {
  const holder = ts.isMethodDeclaration(fn) ? fn.parent : fn.parent && ts.isPropertyAssignment(fn.parent) ? fn.parent.parent : undefined;
  if (!holder || !ts.isObjectLiteralExpression(holder)) return undefined;
  const declaration = holder.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || declaration.name.text !== 'actions') return undefined;
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ? 'actions' : undefined;
}

const PROCEDURE_KINDS = new Set(['query', 'mutation', 'subscription']);

/** A tRPC resolver: `publicProcedure.input(…).query(async () => …)`. */
function procedureLabel(fn: ts.SignatureDeclaration): string | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== (fn as unknown as ts.Expression)) return undefined;
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !PROCEDURE_KINDS.has(callee.name.text) || !/procedure/i.test(callee.expression.getText())) return undefined;
  const property = call.parent && ts.isPropertyAssignment(call.parent) ? propertyNameText(call.parent.name) : undefined;
  return `the tRPC procedure ${property ?? callee.name.text}`;
}

/**
 * Code that runs once per job or message: a BullMQ `Worker`'s processor, Bull's `queue.process(…)`,
 * a pub/sub message listener (`on('message')`, node-redis `subscribe(channel, listener)`).
 */
function jobProcessorLabel(fn: ts.SignatureDeclaration): string | undefined {
  const call = fn.parent;
  return call && (ts.isCallExpression(call) || ts.isNewExpression(call)) ? jobLabel(call, fn as unknown as ts.Expression) : undefined;
}

/** `handler` as an argument of `call`, when that makes it run once per job or message. */
function jobLabel(call: ts.CallExpression | ts.NewExpression, handler: ts.Expression): string | undefined {
  if (!call.arguments?.includes(handler)) return undefined;
  const callee = skipOuter(call.expression);
  const [first] = call.arguments;
  const queueName = first && ts.isStringLiteralLike(first) ? ` "${first.text}"` : '';
  if (ts.isNewExpression(call)) return ts.isIdentifier(callee) && callee.text === 'Worker' && call.arguments.length >= 2 ? `the BullMQ worker${queueName}` : undefined;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (method === 'process' && /queue/i.test(callee.expression.getText())) return `the job processor of ${callee.expression.getText()}`;
  if ((method === 'on' || method === 'addListener') && first && ts.isStringLiteralLike(first) && /^p?message(Buffer)?$/.test(first.text) && /sub|redis|client|pub/i.test(callee.expression.getText())) return 'the pub/sub message listener';
  if (/^(subscribe|pSubscribe|sSubscribe|SUBSCRIBE|PSUBSCRIBE)$/.test(method) && call.arguments.at(-1) === handler && call.arguments.length >= 2) return 'the pub/sub message listener';
  return undefined;
}

function nextRouteLabel(fn: ts.SignatureDeclaration, context: DetectionContext): string | undefined {
  const fileName = context.sourceFile.fileName.replace(/\\/g, '/');
  const exported = exportedName(fn);
  if (!exported) return undefined;
  if (/(^|\/)route\.[cm]?[jt]sx?$/.test(fileName) && NEXT_ROUTE_EXPORTS.has(exported)) return `the Next.js route handler ${exported}`;
  if (/(^|\/)pages\/api\//.test(fileName) && exported === 'default') return 'the Next.js API route';
  return undefined;
}

/**
 * The outermost call a handler is handed to as it is exported: `export const GET = withAuth('stream',
 * async (req) => …)`, `export default withSentry(async (req, res) => …)`, next-safe-action's
 * `actionClient.schema(s).action(async ({ parsedInput }) => …)`. The wrapper runs it per request all the same.
 */
function wrapperCallAround(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Expression {
  let node: ts.Expression = fn;
  while (node.parent && ts.isCallExpression(node.parent) && node.parent.arguments.includes(node)) node = node.parent;
  return node;
}

function exportedName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) {
    const modifiers = ts.getModifiers(fn) ?? [];
    if (!modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
    if (modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword)) return 'default';
    return fn.name?.text;
  }
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parent) {
    const parent = wrapperCallAround(fn).parent;
    if (ts.isExportAssignment(parent)) return 'default';
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
      const statement = parent.parent.parent;
      if (ts.isVariableStatement(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) {
        return parent.name.text;
      }
    }
  }
  return undefined;
}

function decoratorNames(node: ts.Node): string[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).map((decorator) => {
    const expression = decorator.expression;
    const callee = ts.isCallExpression(expression) ? expression.expression : expression;
    return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  });
}

function nestLabel(fn: ts.SignatureDeclaration): string | undefined {
  if (!ts.isMethodDeclaration(fn) || !ts.isClassLike(fn.parent)) return undefined;
  const classDecorators = decoratorNames(fn.parent);
  const methodDecorators = decoratorNames(fn);
  const className = fn.parent.name?.text ?? 'controller';
  const method = fn.name.getText();
  if (classDecorators.includes('Controller') && methodDecorators.some((name) => NEST_ROUTE_DECORATORS.has(name))) {
    return `the NestJS handler ${className}.${method}`;
  }
  if (classDecorators.includes('Resolver') && methodDecorators.some((name) => NEST_RESOLVER_DECORATORS.has(name))) {
    return `the GraphQL resolver ${className}.${method}`;
  }
  if (classDecorators.includes('WebSocketGateway') && methodDecorators.includes('SubscribeMessage')) {
    return `the websocket handler ${className}.${method}`;
  }
  return undefined;
}

/** A function passed to `app.get('/path', fn)`, `router.use(fn)`, `socket.on('message', fn)`, `fastify.route({ handler })`. */
function registeredHandlerLabel(fn: ts.SignatureDeclaration, context: DetectionContext): string | undefined {
  const holder: ts.Node = fn.parent;
  if (ts.isPropertyAssignment(holder) && propertyNameText(holder.name) === 'handler' && ts.isObjectLiteralExpression(holder.parent)) {
    const call = holder.parent.parent;
    if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'route') return routeObjectLabel(holder.parent);
    return undefined;
  }
  return ts.isCallExpression(holder) ? routeLabel(holder, fn as unknown as ts.Expression, context) : undefined;
}

/** `handler` as an argument of `call`, when that registers it as a route handler, middleware or websocket handler. */
function routeLabel(call: ts.CallExpression, handler: ts.Expression, context: DetectionContext): string | undefined {
  if (!call.arguments.includes(handler)) return undefined;
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const [first] = call.arguments;
  if (method === 'on') return websocketLabel(call, callee, context);
  if (!ROUTE_METHODS.has(method)) return undefined;
  const path = first && ts.isStringLiteralLike(first) ? first.text : undefined;
  const framework = frameworkOf(callee.expression, context);
  if (path !== undefined && (path.startsWith('/') || path === '*')) {
    return `the ${framework ?? 'route'} handler for ${method === 'use' || method === 'all' ? '' : `${method.toUpperCase()} `}${path}`;
  }
  if (framework && framework !== 'socket.io' && framework !== 'WebSocket' && (method === 'use' || (first && !ts.isStringLiteralLike(first)))) {
    return `the ${framework} middleware`;
  }
  return undefined;
}

function routeOption(object: ts.ObjectLiteralExpression, name: string): string | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === name && ts.isStringLiteralLike(property.initializer)) {
      return property.initializer.text;
    }
  }
  return undefined;
}

/** `io.on('connection', socket => socket.on('message', fn))` and the `ws` equivalent. */
function websocketLabel(call: ts.CallExpression, callee: ts.PropertyAccessExpression, context: DetectionContext): string | undefined {
  const [event] = call.arguments;
  if (!event || !ts.isStringLiteralLike(event)) return undefined;
  const framework = frameworkOf(callee.expression, context);
  if ((framework === 'socket.io' || framework === 'WebSocket') && CONNECTION_EVENTS.has(event.text)) return `the ${framework} connection handler`;
  const receiver = skipOuter(callee.expression);
  if (!ts.isIdentifier(receiver)) return undefined;
  const declaration = context.finder.find(receiver);
  if (!declaration || !ts.isParameter(declaration)) return undefined;
  const connectionHandler = declaration.parent;
  const registration = connectionHandler.parent;
  if (!ts.isCallExpression(registration) || !ts.isPropertyAccessExpression(registration.expression)) return undefined;
  const [connectionEvent] = registration.arguments;
  if (registration.expression.name.text !== 'on' || !connectionEvent || !ts.isStringLiteralLike(connectionEvent) || connectionEvent.text !== 'connection') return undefined;
  const server = frameworkOf(registration.expression.expression, context);
  if (server !== 'socket.io' && server !== 'WebSocket') return undefined;
  return `the ${server} '${event.text}' handler`;
}

/** `io`, `socketIO`, `ChatSocketIO`, `socketServer`: a parameter named for a socket.io server. */
const SOCKET_SERVER_PARAMETER = /^(io|socketio|socketServer)$|(SocketIO|SocketIo|socketIO|SocketServer)$/;

/** The framework an app/router/server expression comes from, following `const app = express()` and `new Koa()`. */
function frameworkOf(expression: ts.Expression, context: DetectionContext, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const node = skipOuter(expression);
  if (ts.isIdentifier(node)) {
    const declaration = context.finder.find(node);
    if (!declaration) return undefined;
    const binding = moduleBindingOf(declaration);
    if (binding) return FRAMEWORK_MODULES[binding.module];
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) return frameworkOf(declaration.initializer, context, depth + 1);
    // `module.exports = function bindChat(ChatSocketIO) { ChatSocketIO.on('connection', …) }`: the app hands its server in, untyped.
    if (ts.isParameter(declaration) && !declaration.type && SOCKET_SERVER_PARAMETER.test(node.text)) return 'socket.io';
    if (ts.isParameter(declaration) && declaration.type && ts.isTypeReferenceNode(declaration.type)) {
      const typeName = declaration.type.typeName;
      const base = ts.isIdentifier(typeName) ? typeName : typeName.left;
      if (ts.isIdentifier(base)) {
        const typeDeclaration = context.finder.find(base);
        const typeBinding = typeDeclaration && moduleBindingOf(typeDeclaration);
        if (typeBinding) return FRAMEWORK_MODULES[typeBinding.module];
      }
    }
    return undefined;
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return frameworkOf(node.expression, context, depth + 1);
  if (ts.isPropertyAccessExpression(node)) return frameworkOf(node.expression, context, depth + 1);
  return undefined;
}

function graphqlLabel(fn: ts.SignatureDeclaration): string | undefined {
  const property = fn.parent;
  let name: string | undefined;
  let object: ts.Node | undefined;
  if ((ts.isMethodDeclaration(fn) || ts.isGetAccessor(fn)) && ts.isObjectLiteralExpression(fn.parent)) {
    name = propertyNameText(fn.name);
    object = fn.parent;
  } else if (ts.isPropertyAssignment(property) && ts.isObjectLiteralExpression(property.parent)) {
    name = propertyNameText(property.name);
    object = property.parent;
  }
  if (!object || !name) return undefined;
  const root = object.parent;
  if (!ts.isPropertyAssignment(root)) return undefined;
  const rootName = propertyNameText(root.name);
  if (!rootName || !GRAPHQL_ROOTS.has(rootName)) return undefined;
  return `the GraphQL resolver ${rootName}.${name}`;
}
