import ts = require('typescript');
import { boundCommandOf, boundMemberOf, namedCommandOf, type BoundCommand } from './bound-command.js';
import { commandForMethod, firstArgumentIsKey, isCommand, keyIndexes, promisifiedMethod, SEVERAL_KEY_COMMANDS } from './command-table.js';
import type { ClientRef, CodeContext } from './client-site.js';
import type { ClientResolver } from './client-resolver.js';
import type { DetectionContext } from './detection-context.js';
import { constantString, resolveKey, propertyNameText } from './key-resolver.js';
import type { KeyPattern } from './key-pattern.js';
import type { LuaScript } from './lua-script.js';
import { skipOuter } from './module-binding.js';
import type { Batch, CommandArg, RedisCall } from './redis-call.js';

const NUMKEYS_AFTER_DESTINATION = new Set(['ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']);
const NUMKEYS_FIRST = new Set(['ZUNION', 'ZINTER', 'ZDIFF', 'SINTERCARD', 'ZINTERCARD', 'LMPOP', 'ZMPOP']);
const SCRIPT_METHODS: Record<string, LuaScript['via']> = {
  eval: 'eval',
  evalRo: 'eval',
  EVAL: 'eval',
  EVAL_RO: 'eval',
  eval_ro: 'eval',
  defineCommand: 'defineCommand',
  scriptLoad: 'scriptLoad',
  SCRIPT_LOAD: 'scriptLoad',
  functionLoad: 'functionLoad',
  FUNCTION_LOAD: 'functionLoad',
};

/** Reads Redis commands, batches and scripts off call expressions whose receiver is a client or a batch. */
export class CallReader {
  private readonly batches = new Map<ts.Node, Batch | null>();
  private nextBatchId = 1;
  readonly allBatches: Batch[] = [];

  constructor(
    private readonly context: DetectionContext,
    private readonly resolver: ClientResolver,
    private readonly contextOf: (node: ts.Node) => CodeContext,
    /** The commands the enabled rules read (`RuleMeta.commands`); `undefined`: every command. */
    private readonly wanted?: ReadonlySet<string>,
  ) {}

  read(call: ts.CallExpression): { calls: RedisCall[]; scripts: LuaScript[] } {
    const callee = skipOuter(call.expression);
    if (ts.isIdentifier(callee)) return this.readBound(call, callee);
    if (ts.isCallExpression(callee)) return this.readNamed(call);
    if (!ts.isPropertyAccessExpression(callee)) return EMPTY;
    // node-redis 2/3 behind bluebird's promisifyAll: `client.keysAsync('session:*')` sends KEYS.
    const promisified = promisifiedMethod(callee.name.text);
    const method = promisified ?? callee.name.text;
    // Most method calls are not Redis commands: reject them by name before resolving the receiver.
    if (!RECEIVER_METHODS.has(method) && !SCRIPT_METHODS[method] && !commandForMethod(method)) return this.readBoundMember(call, callee);
    // `list.sort()`, `items.sort((a, b) => a - b)`, `user.expire()`: a command that takes a key, called with nothing that could be one (a callback is none), is no Redis call.
    if (!RECEIVER_METHODS.has(method) && !SCRIPT_METHODS[method] && firstArgumentIsKey(commandForMethod(method)!) && !call.arguments.some(mayBeKey)) return EMPTY;
    const batch = this.batchOf(callee.expression);
    // No rule reads this command: the receiver (a model's `save()`, a map's `get()`) is not worth asking the checker about.
    if (!batch && !this.isWanted(method)) return EMPTY;
    const client = batch?.client ?? this.resolver.receiverOf(callee.expression);
    if (!client) return batch ? EMPTY : this.readBoundMember(call, callee);
    if (promisified && client.library !== 'node-redis') return batch ? EMPTY : this.readBoundMember(call, callee);
    const context = this.contextOf(call);

    if ((method === 'pipeline' || method === 'multi') && !batch) {
      const created = this.batchOf(call);
      const [commands] = call.arguments;
      if (created && commands && ts.isArrayLiteralExpression(commands)) {
        const calls = commands.elements.flatMap((element) => {
          const item = ts.isArrayLiteralExpression(element) ? this.arrayCommand(call, element, client, context, created) : undefined;
          return item ? [item] : [];
        });
        return { calls, scripts: [] };
      }
      // `multi(entries.map(([key, value]) => ['set', key, value]))`: one command per item, queued in the mapping callback.
      const mapped = created && commands ? mappedCommand(commands) : undefined;
      if (mapped) {
        const item = this.arrayCommand(call, mapped.array, client, { fn: mapped.fn, inLoop: true, hotPath: context.hotPath }, created);
        return { calls: item ? [item] : [], scripts: [] };
      }
      return EMPTY;
    }
    if (method === 'invokeScript') {
      // GLIDE (2.5.2) `invokeScript(script, { keys, args })` loads the script if needed and sends EVALSHA with those keys.
      if (client.library !== 'valkey-glide') return EMPTY;
      return { calls: [this.makeCall(call, 'EVALSHA', 'method', method, callee.name, client, call.arguments, context, batch)], scripts: [] };
    }
    if (method === 'call' || method === 'send_command' || method === 'callBuffer') {
      const [name, ...rest] = call.arguments;
      const command = name ? constantString(name, this.context)?.toUpperCase() : undefined;
      if (!name || !command || !isCommand(command)) return EMPTY;
      const redisCall = this.makeCall(call, command, 'call', undefined, name, client, rest, context, batch);
      return { calls: [redisCall], scripts: this.scriptsOf(redisCall) };
    }
    if (method === 'sendCommand' || method === 'addCommand' || method === 'customCommand') {
      const array = call.arguments.find((argument) => ts.isArrayLiteralExpression(skipOuter(argument)));
      if (!array) return EMPTY;
      const item = this.arrayCommand(call, skipOuter(array) as ts.ArrayLiteralExpression, client, context, batch, 'sendCommand');
      return item ? { calls: [item], scripts: this.scriptsOf(item) } : EMPTY;
    }
    if (method === 'defineCommand') {
      const options = call.arguments[1];
      const object = options && skipOuter(options);
      if (!object || !ts.isObjectLiteralExpression(object)) return EMPTY;
      const lua = object.properties.find((property) => ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'lua');
      if (!lua || !ts.isPropertyAssignment(lua)) return EMPTY;
      return { calls: [], scripts: [this.script(lua.initializer, 'defineCommand', client, call, context)] };
    }
    const command = commandForMethod(method);
    if (!command) return EMPTY;
    const redisCall = this.makeCall(call, command, 'method', callee.name.text, callee.name, client, call.arguments, context, batch);
    if (batch) batch.calls.push(redisCall);
    // ioredis `redis.script('LOAD', lua)` and `redis.function('LOAD', lua)` send the script as an argument.
    const scripts = SCRIPT_METHODS[method] || command === 'SCRIPT' || command === 'FUNCTION' ? this.scriptsOf(redisCall) : [];
    return { calls: [redisCall], scripts };
  }

  /** `setnxAsync(key, value)` where `const setnxAsync = client.setnx.bind(client)`. */
  private readBound(call: ts.CallExpression, callee: ts.Identifier): { calls: RedisCall[]; scripts: LuaScript[] } {
    const bound = boundCommandOf(callee, this.context);
    return bound ? this.readBoundCommand(call, bound, callee) : this.readBoundMember(call, callee);
  }

  /** `chat.keys('group:*')`, `keysAsync('log *')`: a method of a module's command table, bound to its client there. */
  private readBoundMember(call: ts.CallExpression, callee: ts.Identifier | ts.PropertyAccessExpression): { calls: RedisCall[]; scripts: LuaScript[] } {
    // Named after the command it sends (`keys`, `keysAsync`), or it is not worth resolving.
    const written = ts.isIdentifier(callee) ? callee.text : callee.name.text;
    const name = promisifiedMethod(written) ?? written;
    if (!commandForMethod(name) || RECEIVER_METHODS.has(name) || !this.isWanted(name)) return EMPTY;
    const bound = boundMemberOf(callee, this.context);
    return bound ? this.readBoundCommand(call, bound, ts.isIdentifier(callee) ? callee : callee.name) : EMPTY;
  }

  /** `db('zrevrange')([key, 0, -1])` where `db` picks a client method by its name. */
  private readNamed(call: ts.CallExpression): { calls: RedisCall[]; scripts: LuaScript[] } {
    const named = namedCommandOf(call, this.context);
    return named ? this.readBoundCommand(call, named, named.nameNode) : EMPTY;
  }

  /** A call of a client method taken off its client: the command it names, on that client. */
  private readBoundCommand(call: ts.CallExpression, bound: BoundCommand, nameNode: ts.Node): { calls: RedisCall[]; scripts: LuaScript[] } {
    if (RECEIVER_METHODS.has(bound.method) || SCRIPT_METHODS[bound.method]) return EMPTY;
    const command = commandForMethod(bound.method);
    if (!command || !this.isWanted(bound.method)) return EMPTY;
    const client = this.resolver.receiverOf(bound.receiver);
    if (!client) return EMPTY;
    return { calls: [this.makeCall(call, command, 'method', bound.method, nameNode, client, call.arguments, this.contextOf(call), undefined)], scripts: [] };
  }

  private isWanted(method: string): boolean {
    if (!this.wanted || RECEIVER_METHODS.has(method) || SCRIPT_METHODS[method]) return true;
    const command = commandForMethod(method)!;
    return this.wanted.has(command) || SCRIPT_COMMANDS.has(command);
  }

  /** The batch an expression evaluates to: `redis.pipeline()`, `new ClusterBatch(true)` (GLIDE), a chain on it, or a binding holding it. */
  batchOf(expression: ts.Expression, depth = 0): Batch | undefined {
    const node = skipOuter(expression);
    const cached = this.batches.get(node);
    if (cached !== undefined) return cached ?? undefined;
    if (depth > 6) return undefined;
    this.batches.set(node, null);
    let batch: Batch | undefined;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(skipOuter(node.expression))) {
      const callee = skipOuter(node.expression) as ts.PropertyAccessExpression;
      const name = callee.name.text;
      if (name === 'pipeline' || name === 'multi') {
        const client = this.resolver.receiverOf(callee.expression);
        if (client) {
          batch = { id: this.nextBatchId++, kind: name, client, node, context: this.contextOf(node), calls: [] };
          this.allBatches.push(batch);
        }
      } else if (commandForMethod(name) || name === 'addCommand') {
        batch = this.batchOf(callee.expression, depth + 1);
      }
    } else if (ts.isNewExpression(node)) {
      const entity = this.resolver.entityOf(node.expression);
      const built = entity?.library === 'valkey-glide' ? glideBatchOf(entity.name, node) : undefined;
      if (built) {
        batch = { id: this.nextBatchId++, ...built, node, context: this.contextOf(node), calls: [] };
        this.allBatches.push(batch);
      }
    } else if (ts.isIdentifier(node)) {
      const declaration = this.context.finder.find(node);
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) batch = this.batchOf(declaration.initializer, depth + 1);
    }
    this.batches.set(node, batch ?? null);
    return batch;
  }

  private arrayCommand(
    call: ts.CallExpression,
    array: ts.ArrayLiteralExpression,
    client: ClientRef,
    context: CodeContext,
    batch: Batch | undefined,
    via: 'array' | 'sendCommand' = 'array',
  ): RedisCall | undefined {
    const [name, ...rest] = array.elements;
    const command = name ? constantString(name, this.context)?.toUpperCase() : undefined;
    if (!name || !command || !isCommand(command)) return undefined;
    const redisCall = this.makeCall(call, command, via, undefined, name, client, rest, context, batch);
    if (batch) batch.calls.push(redisCall);
    return redisCall;
  }

  private makeCall(
    node: ts.CallExpression,
    command: string,
    via: RedisCall['via'],
    method: string | undefined,
    nameNode: ts.Node,
    client: ClientRef,
    rawArgs: readonly ts.Expression[],
    context: CodeContext,
    batch: Batch | undefined,
  ): RedisCall {
    const { args, optionObjects, gap } = this.flatten(withoutCallback(rawArgs), command);
    const keyed = this.keyArguments(command, args, optionObjects, client, via, rawArgs);
    // Arguments of run-time length add keys unless the command counts its keys before them (`evalsha(sha, 1, [key, ...args])`).
    const incomplete = gap !== undefined && !(SCRIPT_KEY_COUNT.has(command) && /^\d+$/.test(args[1]?.value ?? '') && Number(args[1]!.value) + 2 <= gap);
    return {
      node,
      command,
      via,
      method,
      nameNode,
      client,
      args,
      optionObjects,
      keys: keyed.keys,
      keysIncomplete: incomplete || keyed.incomplete,
      batch,
      context,
    };
  }

  /** The arguments as the client sends them, and where the first one of run-time length (a spread, a list) sits among them. */
  private flatten(rawArgs: readonly ts.Expression[], command: string): { args: CommandArg[]; optionObjects: ts.ObjectLiteralExpression[]; gap: number | undefined } {
    const args: CommandArg[] = [];
    const optionObjects: ts.ObjectLiteralExpression[] = [];
    let gap: number | undefined;
    const severalKeys = SEVERAL_KEYS.has(command);
    const push = (expression: ts.Expression): void => {
      const node = skipOuter(expression);
      if (ts.isSpreadElement(node)) {
        gap ??= args.length;
        return;
      }
      if (ts.isArrayLiteralExpression(node)) {
        node.elements.forEach(push);
        return;
      }
      const listed = severalKeys ? constantList(node, this.context) : undefined;
      if (listed) {
        listed.forEach(push);
        return;
      }
      if (ts.isObjectLiteralExpression(node)) {
        optionObjects.push(node);
        return;
      }
      // `mget(keys)`, `del(ids.map(toKey))`: an array of run-time length, flattened by the client.
      if (severalKeys && this.isArrayValued(node)) {
        gap ??= args.length;
        return;
      }
      args.push({ node, value: constantString(node, this.context) });
    };
    rawArgs.forEach(push);
    // `mset(buffer)`, `mSet(entries)`: one object or map of run-time keys and values.
    if ((command === 'MSET' || command === 'MSETNX') && rawArgs.length === 1 && args.length === 1 && args[0]!.value === undefined) {
      args.length = 0;
      gap = 0;
    }
    return { args, optionObjects, gap };
  }

  private isArrayValued(node: ts.Expression): boolean {
    if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      if (ts.isPropertyAccessExpression(callee) && ARRAY_RESULTS.has(callee.name.text)) return true;
    }
    if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node) || ts.isNumericLiteral(node)) return false;
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return false;
    const checker = this.context.checker;
    // Untyped mode never guesses: typed mode must not find less.
    if (!checker) return false;
    try {
      const type = checker.getTypeAtLocation(node);
      if (checker.isArrayType(type) || checker.isTupleType(type)) return true;
      if (!(type.flags & ts.TypeFlags.Any)) return false;
    } catch {
      return false;
    }
    // A value of unknown type named as a list: `keys`, `ids`, `keysWithoutPrefix`.
    const name = ts.isIdentifier(node) ? node.text : node.name.text;
    return /^(keys|ids|members|names|items|entries|list)\b|(Keys|Ids|List|s)$/.test(name) && !/(ss|us|is)$/.test(name);
  }

  private keyArguments(
    command: string,
    args: CommandArg[],
    optionObjects: ts.ObjectLiteralExpression[],
    client: ClientRef,
    via: RedisCall['via'],
    rawArgs: readonly ts.Expression[],
  ): { keys: KeyPattern[]; incomplete: boolean } {
    if ((command === 'MSET' || command === 'MSETNX') && optionObjects.length > 0) {
      const keys: KeyPattern[] = [];
      let incomplete = false;
      for (const property of optionObjects[0]!.properties) {
        if (ts.isPropertyAssignment(property) && ts.isComputedPropertyName(property.name)) keys.push(resolveKey(property.name.expression, this.context));
        else if ((ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && propertyNameText(property.name) !== undefined) {
          keys.push(resolveKey(ts.factory.createStringLiteral(propertyNameText(property.name)!), this.context));
        } else incomplete = true;
      }
      return { keys, incomplete };
    }
    let values = args.map((arg) => arg.value ?? '?');
    let shift = 0;
    // A raw command (`send_command('EVALSHA', [sha, 1, key])`, v3's callback API) is laid out as the server reads it.
    // GLIDE's methods take the keys as one array and count them themselves, as node-redis's do (`zunionstore(destination, keys)`).
    if ((client.library === 'node-redis' || client.library === 'valkey-glide') && via === 'method') {
      if (client.library === 'node-redis' && (command === 'EVAL' || command === 'EVALSHA' || command === 'FCALL' || command === 'EVAL_RO' || command === 'EVALSHA_RO' || command === 'FCALL_RO')) {
        return this.nodeRedisScriptKeys(optionObjects);
      }
      if (client.library === 'valkey-glide' && command === 'EVALSHA') return this.nodeRedisScriptKeys(optionObjects);
      // GLIDE (2.5.2) `fcall(func, keys, args)`: the keys are the second argument's elements.
      if (client.library === 'valkey-glide' && (command === 'FCALL' || command === 'FCALL_RO')) {
        const keys = rawArgs[1] && skipOuter(rawArgs[1]);
        if (!keys) return { keys: [], incomplete: false };
        if (!ts.isArrayLiteralExpression(keys) || keys.elements.some(ts.isSpreadElement)) return { keys: [], incomplete: true };
        return { keys: keys.elements.map((element) => resolveKey(element, this.context)), incomplete: false };
      }
      if (NUMKEYS_AFTER_DESTINATION.has(command)) {
        values = [values[0] ?? '?', String(Math.max(args.length - 1, 0)), ...values.slice(1)];
        shift = 1;
      } else if (NUMKEYS_FIRST.has(command)) {
        values = [String(args.length), ...values];
        shift = 1;
      }
    }
    const keys: KeyPattern[] = [];
    let incomplete = false;
    for (const index of keyIndexes(command, values)) {
      const argIndex = shift === 1 && index > 0 && NUMKEYS_AFTER_DESTINATION.has(command) ? index - 1 : shift === 1 && NUMKEYS_FIRST.has(command) ? index - 1 : index;
      const arg = args[argIndex];
      if (arg) keys.push(resolveKey(arg.node, this.context));
      else incomplete = true;
    }
    return { keys, incomplete };
  }

  /** node-redis `eval(script, { keys: [...], arguments: [...] })`, GLIDE `invokeScript(script, { keys: [...], args: [...] })`. */
  private nodeRedisScriptKeys(optionObjects: ts.ObjectLiteralExpression[]): { keys: KeyPattern[]; incomplete: boolean } {
    const [options] = optionObjects;
    const keysProperty = options?.properties.find((property) => ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'keys');
    if (!keysProperty || !ts.isPropertyAssignment(keysProperty)) return { keys: [], incomplete: !!options };
    const array = skipOuter(keysProperty.initializer);
    if (!ts.isArrayLiteralExpression(array)) return { keys: [], incomplete: true };
    const incomplete = array.elements.some((element) => ts.isSpreadElement(element));
    return { keys: array.elements.filter((element) => !ts.isSpreadElement(element)).map((element) => resolveKey(element, this.context)), incomplete };
  }

  private scriptsOf(call: RedisCall): LuaScript[] {
    const first = call.args[0];
    if (call.command === 'EVAL' || call.command === 'EVAL_RO') return first ? [this.script(first.node, 'eval', call.client, call.node, call.context)] : [];
    if (call.command === 'SCRIPT' && first?.value?.toUpperCase() === 'LOAD' && call.args[1]) {
      return [this.script(call.args[1].node, 'scriptLoad', call.client, call.node, call.context)];
    }
    if (call.command === 'FUNCTION' && first?.value?.toUpperCase() === 'LOAD') {
      const code = call.args.at(-1);
      return code ? [this.script(code.node, 'functionLoad', call.client, call.node, call.context)] : [];
    }
    if (call.method && SCRIPT_METHODS[call.method] && first) return [this.script(first.node, SCRIPT_METHODS[call.method]!, call.client, call.node, call.context)];
    return [];
  }

  private script(node: ts.Expression, via: LuaScript['via'], client: ClientRef, call: ts.CallExpression, context: CodeContext): LuaScript {
    const inner = skipOuter(node);
    const text = constantString(inner, this.context);
    const textStart = ts.isStringLiteralLike(inner) ? inner.getStart(this.context.sourceFile) + 1 : undefined;
    return { node: inner, text, textStart, via, client, call, context };
  }
}

/**
 * The arguments before a trailing reply callback (node-redis 3 and ioredis take one: `set(key, value, callback)`),
 * which Redis never sees, also when the code wraps its own callback for it (`del(key, handleResponse(cb))`).
 */
function withoutCallback(rawArgs: readonly ts.Expression[]): readonly ts.Expression[] {
  const last = rawArgs.at(-1);
  if (!last) return rawArgs;
  const inner = skipOuter(last);
  // Only a callback passed by its name makes a call a wrapper of it: `JSON.stringify(value, (k, v) => …)` is a value.
  const wrapped = ts.isCallExpression(inner) && inner.arguments.some((arg) => isCallbackName(skipOuter(arg)));
  return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner) || isCallbackName(inner) || wrapped ? rawArgs.slice(0, -1) : rawArgs;
}

function isCallbackName(node: ts.Expression): boolean {
  // `new Promise((resolve, reject) => client.del(key, resolve))` hands the promise's own settlers.
  return ts.isIdentifier(node) && /^(cb|callback|done|resolve|reject)$/i.test(node.text);
}

/** `const tagged = ['{user}:1', '{user}:2']`: a list of literal keys written out in the file. */
function constantList(node: ts.Expression, context: DetectionContext): readonly ts.Expression[] | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = context.finder.find(node);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const initializer = skipOuter(declaration.initializer);
  if (!ts.isArrayLiteralExpression(initializer) || initializer.elements.length === 0) return undefined;
  // A `const` array still grows: `list.push(runTimeKey)` makes it a run-time list.
  if (new RegExp(`\\b${node.text.replace(/\$/g, '\\$')}\\s*\\.\\s*(push|unshift|splice)\\s*\\(`).test(node.getSourceFile().text)) return undefined;
  return initializer.elements.every((element) => ts.isStringLiteralLike(element)) ? initializer.elements : undefined;
}

function mayBeKey(argument: ts.Expression): boolean {
  const node = skipOuter(argument);
  return !ts.isArrowFunction(node) && !ts.isFunctionExpression(node);
}

/** Commands whose calls may carry a Lua script (`scriptsOf`): read for every rule set, as `onScript` has no command list. */
const SCRIPT_COMMANDS = new Set(['EVAL', 'EVAL_RO', 'SCRIPT', 'FUNCTION']);

const SEVERAL_KEYS = new Set(SEVERAL_KEY_COMMANDS);

/** Script calls whose second argument counts the keys that follow it. */
const SCRIPT_KEY_COUNT = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);

/** Calls that return arrays: `keys.map(…)`, `ids.filter(…)`, `Object.keys(…)`, `Array.from(…)`. */
const ARRAY_RESULTS = new Set(['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'keys', 'values', 'from', 'splice']);

/** Methods that are no command themselves but carry commands, batches or scripts. */
const RECEIVER_METHODS = new Set(['pipeline', 'multi', 'call', 'send_command', 'callBuffer', 'sendCommand', 'addCommand', 'customCommand', 'defineCommand', 'invokeScript']);

const EMPTY: { calls: RedisCall[]; scripts: LuaScript[] } = { calls: [], scripts: [] };

/**
 * GLIDE (2.5.2) batches are built apart from any client: `new Batch(isAtomic)` for a GlideClient,
 * `new ClusterBatch(isAtomic)` for a GlideClusterClient, and the deprecated atomic `Transaction` /
 * `ClusterTransaction`. Atomic is MULTI/EXEC; a batch that may not be atomic is read as a pipeline.
 */
function glideBatchOf(className: string | undefined, node: ts.NewExpression): Pick<Batch, 'kind' | 'client'> | undefined {
  if (className !== 'Batch' && className !== 'ClusterBatch' && className !== 'Transaction' && className !== 'ClusterTransaction') return undefined;
  const atomic = className.endsWith('Transaction') || node.arguments?.[0]?.kind === ts.SyntaxKind.TrueKeyword;
  return { kind: atomic ? 'multi' : 'pipeline', client: { library: 'valkey-glide', cluster: className.startsWith('Cluster'), site: undefined, name: undefined } };
}

/** The command array a `list.map(…)` callback returns for each item, and that callback. */
function mappedCommand(commands: ts.Expression): { array: ts.ArrayLiteralExpression; fn: ts.SignatureDeclaration } | undefined {
  const node = skipOuter(commands);
  if (!ts.isCallExpression(node)) return undefined;
  const callee = skipOuter(node.expression);
  const [callback] = node.arguments;
  if (!ts.isPropertyAccessExpression(callee) || !/^(map|flatMap)$/.test(callee.name.text) || !callback) return undefined;
  const fn = skipOuter(callback);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  let returned: ts.Expression | undefined;
  if (ts.isBlock(fn.body)) {
    const last = fn.body.statements.at(-1);
    returned = last && ts.isReturnStatement(last) ? last.expression : undefined;
  } else returned = fn.body;
  const array = returned && skipOuter(returned);
  return array && ts.isArrayLiteralExpression(array) ? { array, fn } : undefined;
}
