import ts = require('typescript');
import { superCallsOf } from './super-calls.js';
import { clientTypeNamed, libraryOfDeclarationFile, libraryOfModule, wrappedNodeRedis, type ClientLibrary } from './client-library.js';
import type { ClientKind, ClientRef, ClientSite } from './client-site.js';
import type { DetectionContext } from './detection-context.js';
import { aliasBranchTaken } from './class-alias-branch.js';
import { moduleBindingOf, requireBinding, skipOuter } from './module-binding.js';
import { nestRedisRegistration } from './nest-redis-module.js';
import { assignedRequireBinding, implicitGlobalBinding } from './implicit-global.js';
import { clientOfProjectInterface } from './client-interface.js';
import { aliasedFactoryNames } from './aliased-factory-names.js';
import { moduleExportsValue } from './module-exports-value.js';
import type { Declaration } from './scope.js';
import { findProperty, readClientOptions } from './client-options.js';
import { returnedExpressions } from './only-return.js';
import { calleeFunction } from './callee-function.js';
import { mayReturnClient } from './client-returning-call.js';
import { declaredNoClient } from './declared-client-type.js';
import type { NarrowingGuards } from './narrowing-guards.js';
import type { CommandEvidence } from './command-evidence.js';
import { enclosingClass } from './enclosing-class.js';
import { memberDeclaration } from './member-declaration.js';

/** What an expression denotes among the client packages' exports. */
interface LibraryEntity {
  library: ClientLibrary;
  /** The package it comes from, when the code names it (`async-redis` is node-redis 3 behind promises). */
  module?: string;
  /** `*` (the module namespace), `Redis`, `Cluster`, `createClient`, `createCluster`, `createClientPool`, `createSentinel`, `fromEnv`, `kv`. */
  name: string;
}

const MAX_DEPTH = 8;

/** Names of the functions that create clients (an alias such as `import { createClient as make }` is resolved below, see aliasedFactoryNames). */
const FACTORY_NAMES = new Set(['createClient', 'createCluster', 'createClientPool', 'createSentinel', 'fromEnv', 'duplicate']);
const EMITTER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);


/** Generic types whose first argument is the type they narrow or unwrap. */
const TYPE_WRAPPERS = new Set(['Pick', 'Omit', 'Partial', 'Required', 'Readonly', 'NonNullable', 'Awaited']);
/** A client package's functions whose return type is a client. */
const CLIENT_FACTORY_NAMES = new Set(['createClient', 'createCluster']);
/** A client package's classes a project class may extend. */
const CLIENT_CLASS_NAMES = new Set(['Redis', 'Cluster']);

/**
 * Decides which expressions are Redis clients: constructions, `duplicate()`, bindings and fields
 * holding them, factory functions returning them, and (typed mode) anything whose type is declared
 * by a client package. Results are cached per node.
 */
export class ClientResolver {
  private readonly refs = new Map<ts.Node, ClientRef | null>();
  private readonly untypedRefs = new Map<ts.Node, ClientRef | null>();
  private readonly sites = new Map<ts.Node, ClientSite | null>();
  private readonly assignments: Map<string, ts.Expression[]>;
  /** False while answering `constructedClientOf`: no question to the checker about types. */
  private typed = true;

  constructor(
    private readonly context: DetectionContext,
    assignments: Map<string, ts.Expression[]>,
    private readonly onSite: (site: ClientSite) => void,
    private readonly guards?: NarrowingGuards,
    /** Typed mode: receivers whose type nothing resolves, known as clients by the commands the file sends them. */
    private readonly evidence?: CommandEvidence,
  ) {
    this.assignments = assignments;
  }

  /** The client site when `node` constructs or duplicates a client. */
  siteOf(node: ts.NewExpression | ts.CallExpression): ClientSite | undefined {
    const cached = this.sites.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.sites.set(node, null);
    const site = this.buildSite(node);
    if (site) {
      this.sites.set(node, site);
      this.onSite(site);
    } else if (!this.typed) {
      // `typed.duplicate()` is a site only to the checker: let a typed question decide it again.
      this.sites.delete(node);
    }
    return site;
  }

  /** What `expression` is, when it is a Redis client. */
  clientOf(expression: ts.Expression, depth = 0): ClientRef | undefined {
    const node = skipOuter(expression);
    const refs = this.typed ? this.refs : this.untypedRefs;
    const cached = refs.get(node);
    if (cached !== undefined) return cached ?? undefined;
    if (depth > MAX_DEPTH) return undefined;
    refs.set(node, null);
    const ref = this.syntacticClient(node, depth) ?? this.typedClient(node);
    refs.set(node, ref ?? null);
    return ref;
  }

  /** The client a command's receiver is: proven, or else inferred from the Redis-only commands the file sends it. */
  receiverOf(expression: ts.Expression): ClientRef | undefined {
    return this.clientOf(expression) ?? this.evidence?.clientOf(expression);
  }

  /**
   * The client `expression` is when that follows without types: a construction in reach (so the
   * result has its `site`), an annotation naming a client type. For questions only a site answers.
   */
  constructedClientOf(expression: ts.Expression): ClientRef | undefined {
    if (!this.typed) return this.clientOf(expression);
    this.typed = false;
    try {
      return this.clientOf(expression);
    } finally {
      this.typed = true;
    }
  }

  private syntacticClient(node: ts.Expression, depth: number): ClientRef | undefined {
    if (ts.isConditionalExpression(node)) return mergeAlternatives([this.clientOf(node.whenTrue, depth + 1), this.clientOf(node.whenFalse, depth + 1)]);
    if (ts.isBinaryExpression(node)) return this.clientOfBinary(node, depth);
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      // Inside a subclass of a client, `this` is the client its constructor's `super(…)` built.
      const [construction] = superCallsOf(node);
      const site = construction && this.siteOf(construction);
      return site ? { library: site.library, cluster: site.kind === 'cluster', site, name: 'this' } : undefined;
    }
    if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
      const inherited = ts.isNewExpression(node) && !this.entityOf(node.expression) ? this.inheritedConstruction(node.expression) : undefined;
      const site = inherited && 'superCall' in inherited ? this.siteOf(inherited.superCall) : this.siteOf(node);
      if (site) return { library: site.library, cluster: site.kind === 'cluster', site, name: undefined };
    }
    if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      // node-redis `await createClient().connect()` resolves to the client itself.
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'connect') {
        const inner = this.clientOf(callee.expression, depth + 1);
        if (inner?.library === 'node-redis') return inner;
      }
      // `createClient().on('error', …)`: EventEmitter's `on` returns the client itself.
      if (ts.isPropertyAccessExpression(callee) && EMITTER_METHODS.has(callee.name.text)) {
        const inner = this.clientOf(callee.expression, depth + 1);
        if (inner && isEventEmitter(inner.library)) return inner;
      }
      return this.factoryResult(node, depth);
    }
    if (ts.isIdentifier(node)) {
      const declaration = this.context.finder.find(node);
      const ref = (declaration ? this.clientOfDeclaration(declaration, node.text, depth) : undefined) ?? this.clientOfExport(node, depth);
      return ref ? { ...ref, name: node.text } : undefined;
    }
    if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const ref = this.clientOfAssignments(`${node.expression.text}[]`, node.getSourceFile(), depth);
      return ref ? { ...ref, name: node.getText(this.context.sourceFile) } : undefined;
    }
    if (ts.isPropertyAccessExpression(node)) {
      const entity = this.entityOf(node);
      if (entity?.name === 'kv') return { library: entity.library, cluster: false, site: undefined, name: 'kv' };
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const ref = this.clientOfThisMember(node, node.name.text, depth);
        return ref ? { ...ref, name: `this.${node.name.text}` } : undefined;
      }
      const owner = skipOuter(node.expression);
      const ref = this.clientOfExport(node, depth) ?? this.clientOfDeclaredMember(node) ?? (ts.isCallExpression(owner) ? this.returnedMember(owner, node.name.text, depth) : undefined);
      return ref ? { ...ref, name: node.getText(this.context.sourceFile) } : undefined;
    }
    return undefined;
  }

  /**
   * `this.connection.redis`, `ctx.redis`: a member whose declaration's annotation names a client type
   * (`redis!: Redis | Cluster` in a project class, `redis: Redis` in an interface), found through the
   * checker's symbol or, without one, the class of this file a receiver's annotation names.
   */
  private clientOfDeclaredMember(access: ts.PropertyAccessExpression): ClientRef | undefined {
    const declaration = memberDeclaration(access, this.context);
    if (!declaration) return undefined;
    const annotation = ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration) || ts.isParameter(declaration) || ts.isGetAccessorDeclaration(declaration) ? declaration.type : undefined;
    return annotation ? this.clientOfTypeNode(annotation) : undefined;
  }

  /**
   * `client = new Redis()` is the client it assigns; `cached ??= connect()` and `cached || make()`
   * are either side, so a cluster on one side and a single server on the other may be a cluster.
   */
  private clientOfBinary(node: ts.BinaryExpression, depth: number): ClientRef | undefined {
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.EqualsToken:
        return this.clientOf(node.right, depth + 1);
      case ts.SyntaxKind.QuestionQuestionEqualsToken:
      case ts.SyntaxKind.BarBarEqualsToken:
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.BarBarToken:
        return mergeAlternatives([this.clientOf(node.left, depth + 1), this.clientOf(node.right, depth + 1)]);
      default:
        return undefined;
    }
  }

  /** `require('./lib/redis')` of a module whose `module.exports`, `export default` or exported member is a client. */
  private clientOfExport(node: ts.Identifier | ts.PropertyAccessExpression, depth: number): ClientRef | undefined {
    const value = this.context.finder.exportedValue?.(node);
    return value ? this.clientOf(value, depth + 1) : undefined;
  }

  private clientOfDeclaration(declaration: Declaration, name: string, depth: number): ClientRef | undefined {
    if (ts.isVariableDeclaration(declaration)) {
      if (declaration.initializer) {
        const ref = this.clientOf(declaration.initializer, depth + 1);
        if (ref) return ref;
      }
      const fromType = declaration.type ? this.clientOfTypeNode(declaration.type) : undefined;
      if (fromType?.site) return fromType;
      // `let sub: Redis | null = null; … sub = new Redis(…)`: the construction assigned later, with its site, before what the annotation says.
      return this.clientOfAssignments(name, declaration.getSourceFile(), depth) ?? fromType;
    }
    if (ts.isParameter(declaration) || ts.isPropertyDeclaration(declaration)) {
      // `private client: Redis = new Redis(…)`: the construction, with its site, before what the annotation says.
      const built = ts.isPropertyDeclaration(declaration) && declaration.initializer ? this.clientOf(declaration.initializer, depth + 1) : undefined;
      if (built) return built;
      if (declaration.type) {
        const fromType = this.clientOfTypeNode(declaration.type);
        // A helper's client parameter in a module whose own client is a cluster: its callers hand it that cluster.
        if (fromType && ts.isParameter(declaration) && !fromType.cluster && buildsModuleCluster(declaration.getSourceFile())) return { ...fromType, mayBeCluster: true };
        if (fromType) return fromType;
      }
      if (ts.isParameter(declaration)) return this.clientOfDecorated(declaration) ?? this.clientOfCallbackParameter(declaration);
      return undefined;
    }
    if (ts.isBindingElement(declaration)) {
      // `const { client } = this;`: the member it names.
      const holder = declaration.parent.parent;
      const member = declaration.propertyName ?? declaration.name;
      if (ts.isVariableDeclaration(holder) && holder.initializer?.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(member)) return this.clientOfThisMember(holder, member.text, depth);
      // `const { sysRedis } = createClients()`: the member of the object the factory returns.
      const made = ts.isVariableDeclaration(holder) && holder.initializer ? skipOuter(holder.initializer) : undefined;
      if (made && ts.isCallExpression(made) && ts.isObjectBindingPattern(declaration.parent) && (ts.isIdentifier(member) || ts.isStringLiteral(member))) return this.returnedMember(made, member.text, depth);
      return undefined;
    }
    if (ts.isImportClause(declaration) || ts.isImportSpecifier(declaration)) {
      const binding = moduleBindingOf(declaration);
      const library = binding && libraryOfModule(binding.module);
      if (library === 'upstash' && binding?.exported === 'kv') return { library, cluster: false, site: undefined, name };
    }
    return undefined;
  }

  /** NestJS injection of a Redis client: `@InjectRedis()` (`@nestjs-modules/ioredis`, `@liaoliaots/nestjs-redis`). */
  private clientOfDecorated(parameter: ts.ParameterDeclaration): ClientRef | undefined {
    const decorated = (ts.getDecorators(parameter) ?? []).some((decorator) => {
      const expression = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
      return ts.isIdentifier(expression) && /^InjectRedis(Client)?$/.test(expression.text);
    });
    return decorated ? { library: 'ioredis', cluster: false, site: undefined, name: undefined } : undefined;
  }

  /**
   * `withClient(async (client) => client.keys(…))`: the parameter of a callback takes the type the
   * function it is passed to declares for it (`op: (client: Redis) => Promise<T>`).
   */
  private clientOfCallbackParameter(parameter: ts.ParameterDeclaration): ClientRef | undefined {
    const callback = parameter.parent;
    if (parameter.type || (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback))) return undefined;
    const call = callback.parent;
    if (!ts.isCallExpression(call)) return undefined;
    const position = call.arguments.indexOf(callback);
    const target = calleeFunction(call.expression, this.context);
    const declared = target?.parameters[position]?.type;
    if (!declared || !ts.isFunctionTypeNode(declared)) return undefined;
    const inner = declared.parameters[callback.parameters.indexOf(parameter)]?.type;
    return inner ? this.clientOfTypeNode(inner) : undefined;
  }

  private clientOfAssignments(name: string, sourceFile: ts.SourceFile, depth: number): ClientRef | undefined {
    if (sourceFile !== this.context.sourceFile) return undefined;
    return mergeAlternatives((this.assignments.get(name) ?? []).map((value) => this.clientOf(value, depth + 1)));
  }

  /** `this.<memberName>` read at `access` (`this.client`, or `const { client } = this`). */
  private clientOfThisMember(access: ts.Node, memberName: string, depth: number): ClientRef | undefined {
    const owner = enclosingClass(access);
    if (!owner) return undefined;
    for (const member of owner.members) {
      // `get client(): ProviderClient { return this.provider.getClient(); }`: what the getter declares, else what it returns.
      if (ts.isGetAccessorDeclaration(member) && member.name.getText() === memberName) {
        const ref = member.type ? this.clientOfTypeNode(member.type) : this.returnedClient(member, depth);
        if (ref) return ref;
      }
      if (ts.isPropertyDeclaration(member) && member.name.getText() === memberName) {
        const ref = this.clientOfDeclaration(member, memberName, depth);
        if (ref && !ref.site && !member.initializer) {
          // `private redis: IoRedis;` set to `new IoRedis(…)` in the constructor: that construction, as the type allows.
          // Only a construction written here: each call of a factory may open a connection of its own.
          const constructed = this.constructedMember(owner, memberName);
          if (constructed && constructed.library === ref.library) return { library: constructed.library, cluster: constructed.kind === 'cluster' || ref.cluster, site: constructed, name: undefined, ...(ref.mayBeCluster ? { mayBeCluster: true } : {}) };
        }
        if (ref) return ref;
      }
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (ts.isIdentifier(parameter.name) && parameter.name.text === memberName && parameter.type) {
            const ref = this.clientOfTypeNode(parameter.type);
            if (ref) return ref;
          }
        }
      }
    }
    return this.clientOfAssignedMember(owner, memberName, depth);
  }

  /** The one construction the class's own code assigns to `this.<memberName>` (`this.redis = new Redis(…)`). */
  private constructedMember(owner: ts.ClassLikeDeclaration, memberName: string): ClientSite | undefined {
    const assigned = (this.assignments.get(`this.${memberName}`) ?? []).filter((value) => enclosingClass(value) === owner);
    const [only] = assigned;
    const node = only && assigned.length === 1 ? skipOuter(only) : undefined;
    return node && (ts.isNewExpression(node) || ts.isCallExpression(node)) ? this.siteOf(node) : undefined;
  }

  /** What the class's own code assigns to `this.<memberName>`. */
  private clientOfAssignedMember(owner: ts.ClassLikeDeclaration, memberName: string, depth: number): ClientRef | undefined {
    const assigned = (this.assignments.get(`this.${memberName}`) ?? []).filter((value) => enclosingClass(value) === owner);
    return mergeAlternatives(assigned.map((value) => this.clientOf(value, depth + 1)));
  }

  /** `getRedis()` where the function returns a client: one that may be a cluster client when some `return` gives one. */
  private factoryResult(call: ts.CallExpression, depth: number): ClientRef | undefined {
    const fn = calleeFunction(call.expression, this.context);
    return fn ? this.returnedClient(fn, depth) : undefined;
  }

  /** `createClients().sysRedis`: the member `name` of the object literals the called function returns. */
  private returnedMember(call: ts.CallExpression, name: string, depth: number): ClientRef | undefined {
    const fn = calleeFunction(call.expression, this.context);
    if (!fn) return undefined;
    const members = returnedExpressions(fn).map((returned) => {
      const object = skipOuter(returned);
      const { property } = ts.isObjectLiteralExpression(object) ? findProperty(object, name, this.context) : { property: undefined };
      if (property && ts.isPropertyAssignment(property)) return this.clientOf(property.initializer, depth + 1);
      return property && ts.isShorthandPropertyAssignment(property) ? this.clientOf(property.name, depth + 1) : undefined;
    });
    return mergeAlternatives(members);
  }

  /** The client a function returns: one that may be a cluster client when some `return` gives one. */
  private returnedClient(fn: ts.FunctionLikeDeclaration, depth: number): ClientRef | undefined {
    return mergeAlternatives(returnedExpressions(fn).map((returned) => this.clientOf(returned, depth + 1)));
  }

  /**
   * `this.client = app.duplicate()` into a field declared `client: RedisClientType`, or `const c: Redis = x.duplicate()`:
   * the declared type says what the duplicate is when nothing tells what it duplicates.
   */
  private declaredDestination(call: ts.CallExpression): ClientRef | undefined {
    const parent = call.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === call) return parent.type ? this.clientOfTypeNode(parent.type) : undefined;
    if (!ts.isBinaryExpression(parent) || parent.right !== call || parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    const target = parent.left;
    if (!ts.isPropertyAccessExpression(target) || target.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
    const member = enclosingClass(target)?.members.find((candidate) => ts.isPropertyDeclaration(candidate) && candidate.name.getText() === target.name.text);
    return member && ts.isPropertyDeclaration(member) && member.type ? this.clientOfTypeNode(member.type) : undefined;
  }

  /** A type annotation naming a client type imported from a client package (`Redis`, `RedisClientType`, `Cluster`). */
  clientOfTypeNode(type: ts.TypeNode, depth = 0): ClientRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (ts.isUnionTypeNode(type)) return mergeAlternatives(type.types.map((member) => this.clientOfTypeNode(member, depth + 1)));
    if (ts.isTypeReferenceNode(type)) {
      const name = type.typeName;
      const base = ts.isIdentifier(name) ? name : name.left;
      const memberName = ts.isIdentifier(name) ? name.text : name.right.text;
      if (!ts.isIdentifier(base)) return undefined;
      // What a client-holding promise resolves to is what the code awaits and sends commands to.
      if (ts.isIdentifier(name) && name.text === 'Promise' && type.typeArguments?.length === 1) return this.clientOfTypeNode(type.typeArguments[0]!, depth + 1);
      if (ts.isIdentifier(name)) {
        const alias = localTypeAlias(type.getSourceFile(), name.text);
        if (alias) return this.clientOfTypeNode(alias.type, depth + 1);
        const [argument] = type.typeArguments ?? [];
        // `Pick<RedisClient, 'get' | 'set'>`, `NonNullable<…>`, `Awaited<…>`: the client type they narrow.
        if (argument && TYPE_WRAPPERS.has(name.text)) return this.clientOfTypeNode(argument, depth + 1);
        // `ReturnType<typeof createClient>`, node-redis 4's usual name for its client's type.
        if (argument && name.text === 'ReturnType' && ts.isTypeQueryNode(argument)) return this.clientOfFactoryType(argument);
      }
      const declaration = this.context.finder.find(base);
      // `client: AppRedis` where `class AppRedis extends Redis`, or a type alias another module of the project exports.
      const projectType = ts.isIdentifier(name) ? this.projectTypeDeclaration(name, declaration) : undefined;
      if (projectType) {
        if (ts.isTypeAliasDeclaration(projectType)) return this.clientOfTypeNode(projectType.type, depth + 1);
        return ts.isInterfaceDeclaration(projectType) ? this.clientOfInterface(projectType, depth + 1) : this.clientOfClassType(projectType);
      }
      return this.clientOfTypeName(base, ts.isIdentifier(name) ? undefined : memberName);
    }
    if (ts.isTypeQueryNode(type) || ts.isParenthesizedTypeNode(type)) return undefined;
    return undefined;
  }

  /**
   * `interface AppRedis extends Omit<RedisClientType, 'get'> { … }`: a project's own face of a client (a wrapper
   * package narrowing or retyping some commands) is the client it extends.
   */
  private clientOfInterface(declaration: ts.InterfaceDeclaration, depth: number): ClientRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    for (const clause of declaration.heritageClauses ?? []) {
      for (const heritage of clause.types) {
        const expression = heritage.expression;
        const [argument] = heritage.typeArguments ?? [];
        if (ts.isIdentifier(expression) && argument && TYPE_WRAPPERS.has(expression.text)) {
          const wrapped = this.clientOfTypeNode(argument, depth + 1);
          if (wrapped) return wrapped;
          continue;
        }
        const base = ts.isIdentifier(expression) ? expression : ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) ? expression.expression : undefined;
        if (!base) continue;
        // `interface SysRedis extends AppRedis<SysKey> {}`: through the project's other interfaces.
        const inner = ts.isIdentifier(expression) ? this.projectTypeDeclaration(base, this.context.finder.find(base)) : undefined;
        const ref = inner && ts.isInterfaceDeclaration(inner) ? this.clientOfInterface(inner, depth + 1) : this.clientOfTypeName(base, ts.isPropertyAccessExpression(expression) ? expression.name.text : undefined);
        if (ref) return ref;
      }
    }
    return undefined;
  }

  /** `RedisClientType`, `IORedis.Cluster`: a type a client package exports under a client's name. `member`: the name after `Namespace.`. */
  private clientOfTypeName(base: ts.Identifier, member: string | undefined): ClientRef | undefined {
    const declaration = this.context.finder.find(base);
    const binding = declaration && moduleBindingOf(declaration);
    const library = binding && libraryOfModule(binding.module);
    if (!library) return undefined;
    const exported = member === undefined ? (binding.exported === 'default' ? (library === 'ioredis' ? 'Redis' : 'default') : binding.exported) : member;
    const known = clientTypeNamed(exported, library);
    return known ? { library, cluster: known.cluster, site: undefined, name: undefined } : undefined;
  }

  /** `typeof createClient` (or `typeof redis.createCluster`): the client a client package's factory returns. */
  private clientOfFactoryType(query: ts.TypeQueryNode): ClientRef | undefined {
    const name = query.exprName;
    let entity: LibraryEntity | undefined;
    if (ts.isIdentifier(name)) entity = this.entityOf(name);
    else if (ts.isIdentifier(name.left)) {
      const owner = this.entityOf(name.left);
      entity = owner?.name === '*' ? entityOfBinding(owner.module ?? moduleNameFor(owner.library), name.right.text) : undefined;
    }
    if (!entity || !CLIENT_FACTORY_NAMES.has(entity.name)) return undefined;
    return { library: entity.library, cluster: entity.name === 'createCluster', site: undefined, name: undefined };
  }

  /**
   * The class, interface or type alias of the project a type name stands for: declared in this file, or (with a
   * checker) exported by another module of the project. Not one of a package's declaration files.
   */
  private projectTypeDeclaration(name: ts.Identifier, declaration: Declaration | undefined): ts.ClassDeclaration | ts.TypeAliasDeclaration | ts.InterfaceDeclaration | undefined {
    if (declaration && ts.isClassDeclaration(declaration)) return declaration.getSourceFile().isDeclarationFile ? undefined : declaration;
    const local = name.getSourceFile().statements.find((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === name.text);
    if (local) return local;
    const checker = this.context.checker;
    if (!checker || !declaration || !(ts.isImportSpecifier(declaration) || ts.isImportClause(declaration))) return undefined;
    let target: ts.Declaration | undefined;
    try {
      const symbol = checker.getSymbolAtLocation(name);
      target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol).declarations?.[0] : undefined;
    } catch {
      return undefined;
    }
    if (!target || target.getSourceFile().isDeclarationFile) return undefined;
    if (ts.isInterfaceDeclaration(target) || (ts.isTypeAliasDeclaration(target) && !target.typeParameters)) return target;
    return ts.isClassDeclaration(target) ? target : undefined;
  }

  /** A class of the project that extends a client class, up to four classes up: its instances are that client. */
  private clientOfClassType(declaration: ts.ClassDeclaration): ClientRef | undefined {
    let current: ts.ClassDeclaration | undefined = declaration;
    for (let step = 0; step < 4 && current; step++) {
      const base: ts.Expression | undefined = current.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      if (!base) return undefined;
      const entity = this.entityOf(base);
      if (entity) return CLIENT_CLASS_NAMES.has(entity.name) ? { library: entity.library, cluster: entity.name === 'Cluster', site: undefined, name: undefined } : undefined;
      const parent = skipOuter(base);
      const next: Declaration | undefined = ts.isIdentifier(parent) ? this.context.finder.find(parent) : undefined;
      current = next && ts.isClassDeclaration(next) && !next.getSourceFile().isDeclarationFile ? next : undefined;
    }
    return undefined;
  }

  /** Typed mode: the expression's type is declared in a client package. */
  private typedClient(node: ts.Expression): ClientRef | undefined {
    const checker = this.context.checker;
    // Without a client package's declarations in the program no type can name a client.
    if (!checker || !this.typed || this.context.clientTypesLoaded === false || ts.isLiteralExpression(node) || ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) return undefined;
    let type: ts.Type;
    try {
      if (this.surelyNoClient(node, checker)) return undefined;
      type = checker.getTypeAtLocation(node);
    } catch {
      return undefined;
    }
    const ref = clientOfType(type);
    if (ref) return ref;
    // `interface AppRedis extends Omit<RedisClientType, 'get'>`: the project's own face of a client.
    const client = clientOfProjectInterface(type, checker);
    return client ? { ...client, site: undefined, name: undefined } : undefined;
  }

  /**
   * Settles the cheap cases without checking `node`: a call no signature of which returns a client,
   * a reference whose declaration rules one out, `this` in a class (its type is the class's own).
   * Each but the call holds only where no type guard of the file may narrow the reference.
   */
  private surelyNoClient(node: ts.Expression, checker: ts.TypeChecker): boolean {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) return !mayReturnClient(node, checker);
    if (!this.guards) return false;
    if (node.kind === ts.SyntaxKind.ThisKeyword) return thisOwner(node) !== undefined && !this.guards.mayNarrow('this');
    const name = ts.isIdentifier(node) ? node : ts.isPropertyAccessExpression(node) ? node.name : undefined;
    if (!name) return false;
    // `this.member`: the class declares it, and its symbol is had without checking `this` (the checker would resolve the whole class).
    const declared = ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword ? ownMemberName(node) : undefined;
    const symbol = checker.getSymbolAtLocation(declared ?? name);
    return symbol !== undefined && declaredNoClient(symbol, checker) && !this.guards.mayNarrow(name.text);
  }

  /** What `expression` names among the client packages' exports (a class, a factory, the module). */
  entityOf(expression: ts.Expression, depth = 0): LibraryEntity | undefined {
    const node = skipOuter(expression);
    if (ts.isIdentifier(node)) {
      const declaration = this.context.finder.find(node);
      if (!declaration) {
        const global = node.getSourceFile() === this.context.sourceFile ? implicitGlobalBinding(node, this.context.finder, this.assignments) : undefined;
        return global ? entityOfBinding(global.module, global.exported) : undefined;
      }
      const binding = moduleBindingOf(declaration) ?? assignedRequireBinding(declaration, this.context.finder, this.assignments);
      if (!binding) return this.entityOfAlias(declaration);
      const entity = entityOfBinding(binding.module, binding.exported);
      if (entity || !binding.module.startsWith('.') || depth > 3) return entity;
      // `require('./lib/redis')` of a module that hands on the package itself (`module.exports = redis` after `promisifyAll`).
      const required = ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
      const specifier = required && ts.isCallExpression(required) ? required.arguments[0] : undefined;
      const exported = this.context.finder.exportedValue?.(node) ?? (specifier && this.context.checker ? moduleExportsValue(specifier, this.context.checker) : undefined);
      return exported && exported.getSourceFile() !== node.getSourceFile() ? this.entityOf(exported, depth + 1) : undefined;
    }
    if (ts.isCallExpression(node)) {
      const binding = requireBinding(node);
      return binding ? entityOfBinding(binding.module, binding.exported) : undefined;
    }
    if (ts.isPropertyAccessExpression(node)) {
      const direct = requireBinding(node);
      if (direct) return entityOfBinding(direct.module, direct.exported);
      const owner = this.entityOf(node.expression);
      if (!owner) return undefined;
      const member = node.name.text;
      if (owner.name === '*') return entityOfBinding(owner.module ?? moduleNameFor(owner.library), member);
      if (owner.library === 'ioredis' && owner.name === 'Redis' && (member === 'Cluster' || member === 'default' || member === 'Redis')) {
        return { library: 'ioredis', name: member === 'Cluster' ? 'Cluster' : 'Redis' };
      }
      if (owner.library === 'upstash' && owner.name === 'Redis' && member === 'fromEnv') return { library: 'upstash', name: 'fromEnv' };
      // GLIDE builds clients only through its classes' static async factories: `await GlideClusterClient.createClient(config)`.
      if (owner.library === 'valkey-glide' && member === 'createClient') {
        if (owner.name === 'GlideClient') return { library: 'valkey-glide', name: 'createClient' };
        if (owner.name === 'GlideClusterClient') return { library: 'valkey-glide', name: 'createCluster' };
      }
    }
    return undefined;
  }

  /** `const Client = Redis` or `const { Cluster } = Redis`: follow one level of aliasing. */
  private entityOfAlias(declaration: Declaration): LibraryEntity | undefined {
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name)) {
      const initializer = skipOuter(declaration.initializer);
      if (ts.isIdentifier(initializer) || ts.isPropertyAccessExpression(initializer)) return this.entityOf(initializer);
      // `const RedisCore = env.MOCK_REDIS ? MockRedis : Redis`: the class the app runs with outside tests.
      if (ts.isConditionalExpression(initializer)) return this.entityOfEither(initializer.whenTrue, initializer.whenFalse);
      if (ts.isBinaryExpression(initializer) && (initializer.operatorToken.kind === ts.SyntaxKind.BarBarToken || initializer.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
        return this.entityOfEither(initializer.left, initializer.right);
      }
    }
    if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
      const holder = declaration.parent.parent;
      if (ts.isVariableDeclaration(holder) && holder.initializer) {
        const owner = this.entityOf(holder.initializer);
        const property = declaration.propertyName ?? declaration.name;
        if (owner && ts.isIdentifier(property)) {
          if (owner.name === '*') return entityOfBinding(owner.module ?? moduleNameFor(owner.library), property.text);
          if (owner.library === 'ioredis' && owner.name === 'Redis' && property.text === 'Cluster') return { library: 'ioredis', name: 'Cluster' };
        }
      }
    }
    return undefined;
  }

  /** `new RedisCore()` inside `if (env.MOCK_REDIS)`, where `RedisCore = env.MOCK_REDIS ? MockRedis : Redis`: the mock. */
  private buildsOtherBranch(node: ts.NewExpression | ts.CallExpression): boolean {
    let callee = skipOuter(node.expression);
    if (ts.isPropertyAccessExpression(callee)) callee = skipOuter(callee.expression);
    const declaration = ts.isIdentifier(callee) ? this.context.finder.find(callee) : undefined;
    const alias = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
    if (!alias || !ts.isConditionalExpression(alias)) return false;
    const taken = aliasBranchTaken(alias, node);
    if (taken === undefined) return false;
    return this.entityOfEither(taken ? alias.whenTrue : alias.whenFalse) === undefined;
  }

  /**
   * `new RedisPool(url)` where `class RedisPool extends RetryableRedis {}` and `RetryableRedis extends Redis`
   * calls `super({ … })`: what builds the client is the first constructor up the project's own classes
   * (its `super(…)`), or the client class they all inherit when none has one (this `new` builds it then).
   */
  private inheritedConstruction(callee: ts.Expression): { superCall: ts.CallExpression } | { entity: LibraryEntity } | undefined {
    let node = skipOuter(callee);
    for (let step = 0; step < 4 && ts.isIdentifier(node); step++) {
      const declaration = this.context.finder.find(node);
      if (!declaration || !ts.isClassDeclaration(declaration) || declaration.getSourceFile().isDeclarationFile) return undefined;
      const base = declaration.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      if (!base) return undefined;
      const constructor = declaration.members.find(ts.isConstructorDeclaration);
      if (constructor) {
        const [superCall] = constructor.body ? superCallsOf(constructor.body) : [];
        return superCall ? { superCall } : undefined;
      }
      const entity = this.entityOf(base);
      if (entity) return { entity };
      node = skipOuter(base);
    }
    return undefined;
  }

  private entityOfEither(...branches: ts.Expression[]): LibraryEntity | undefined {
    for (const branch of branches) {
      const node = skipOuter(branch);
      const entity = ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) ? this.entityOf(node) : undefined;
      if (entity) return entity;
    }
    return undefined;
  }

  private buildSite(node: ts.NewExpression | ts.CallExpression): ClientSite | undefined {
    const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
      // `class Store extends Redis { constructor() { super({ … }) } }`: the subclass's constructor builds the client.
      const base = baseClassOf(node);
      const entity = base && this.entityOf(base);
      const kind = entity && constructionKind(entity, true);
      return kind ? this.makeSite(node, entity.library, kind, args, undefined) : undefined;
    }
    if (ts.isCallExpression(node)) {
      const registration = nestRedisRegistration(node, this.context);
      if (registration) {
        const site = this.makeSite(node, 'ioredis', registration.kind, registration.args, undefined);
        return { ...site, mergedOptions: [...site.mergedOptions, ...registration.merged], registeredBy: registration.module };
      }
      const callee = skipOuter(node.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      // Most calls are not constructions: reject them by name before resolving anything.
      if (name === undefined || !(FACTORY_NAMES.has(name) || (ts.isIdentifier(callee) && aliasedFactoryNames(node.getSourceFile(), FACTORY_NAMES).has(name)))) return undefined;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'duplicate') {
        // `getRedis().duplicate()`: a receiver known by evidence duplicates into a client all the same.
        const parent = (this.typed ? this.receiverOf(callee.expression) : this.clientOf(callee.expression)) ?? this.declaredDestination(node);
        if (!parent || !hasDuplicate(parent.library)) return undefined;
        return this.makeSite(node, parent.library, 'duplicate', args, parent);
      }
    }
    let entity = this.entityOf(node.expression);
    if (!entity && ts.isNewExpression(node)) {
      const inherited = this.inheritedConstruction(node.expression);
      if (inherited && 'entity' in inherited) entity = inherited.entity;
    }
    if (!entity || this.buildsOtherBranch(node)) return undefined;
    const kind = constructionKind(entity, ts.isNewExpression(node));
    const site = kind ? this.makeSite(node, entity.library, kind, args, undefined, entity.name === 'fromEnv') : undefined;
    const wrapped = wrappedNodeRedis(entity.module);
    if (site && wrapped) site.wrapped = wrapped;
    return site;
  }

  private makeSite(
    node: ts.NewExpression | ts.CallExpression,
    library: ClientLibrary,
    kind: ClientKind,
    args: readonly ts.Expression[],
    parent: ClientRef | undefined,
    fromEnv = false,
  ): ClientSite {
    const { options, merged, positional, optionsOpaque, opaqueOrigin } = readClientOptions(library, kind, args, this.context);
    return {
      library,
      kind: kind === 'duplicate' && parent?.cluster ? 'duplicate' : kind,
      node,
      options,
      positional,
      optionsOpaque,
      opaqueOrigin,
      mergedOptions: merged,
      parent,
      fromEnv,
      context: { fn: undefined, inLoop: false, hotPath: undefined },
      storedAs: undefined,
      storage: 'local',
    };
  }
}

function constructionKind(entity: LibraryEntity, isNew: boolean): ClientKind | undefined {
  if (isNew) {
    if (entity.name === 'Redis') return 'client';
    if (entity.name === 'Cluster' && entity.library === 'ioredis') return 'cluster';
    // node-redis v2/v3 export the client class itself: `new RedisClient({ host, port })`.
    if (entity.name === 'RedisClient' && entity.library === 'node-redis') return 'client';
    return undefined;
  }
  switch (entity.name) {
    case 'createClient':
      return 'client';
    case 'createCluster':
      return 'cluster';
    case 'createClientPool':
      return 'pool';
    case 'createSentinel':
      return 'sentinel';
    case 'fromEnv':
      return 'client';
    default:
      return undefined;
  }
}

function entityOfBinding(module: string, exported: string): LibraryEntity | undefined {
  const library = libraryOfModule(module);
  if (!library) return undefined;
  if (library === 'ioredis') {
    // CommonJS `module.exports` of ioredis is the Redis class itself, with `Cluster` on it.
    if (exported === '*' || exported === 'default' || exported === 'Redis') return { library, name: 'Redis' };
    if (exported === 'Cluster') return { library, name: 'Cluster' };
    return undefined;
  }
  if (exported === '*') return { library, module, name: '*' };
  if (library === 'valkey-glide') {
    if (GLIDE_EXPORTS.has(exported)) return { library, name: exported };
    return exported === 'default' ? { library, name: '*' } : undefined;
  }
  if (library === 'upstash') {
    if (exported === 'Redis') return { library, name: 'Redis' };
    if (exported === 'kv') return { library, name: 'kv' };
    if (exported === 'createClient') return { library, name: 'createClient' };
    return undefined;
  }
  if (['createClient', 'createCluster', 'createClientPool', 'createSentinel'].includes(exported)) return { library, module, name: exported };
  if (library === 'node-redis' && exported === 'RedisClient') return { library, module, name: exported };
  if (exported === 'default') return { library, module, name: '*' };
  return undefined;
}

/** GLIDE's client classes (their static `createClient` builds a client) and its batch classes. */
const GLIDE_EXPORTS = new Set(['GlideClient', 'GlideClusterClient', 'Batch', 'ClusterBatch', 'Transaction', 'ClusterTransaction']);

const MODULE_NAMES: Record<ClientLibrary, string> = {
  ioredis: 'ioredis',
  'node-redis': 'redis',
  upstash: '@upstash/redis',
  'valkey-glide': '@valkey/valkey-glide',
};

function moduleNameFor(library: ClientLibrary): string {
  return MODULE_NAMES[library];
}

/** Upstash speaks HTTP and GLIDE (2.5.2) extends no EventEmitter: neither has `on('error')`. */
function isEventEmitter(library: ClientLibrary): boolean {
  return library === 'ioredis' || library === 'node-redis';
}

/** `duplicate()` is ioredis's and node-redis's; Upstash and GLIDE (2.5.2) have none. */
function hasDuplicate(library: ClientLibrary): boolean {
  return library === 'ioredis' || library === 'node-redis';
}

/** The class member whose `this` a `this` is: a method, accessor, constructor, property initializer or static block (arrow functions keep the outer `this`). */
function thisOwner(node: ts.Node): ts.ClassElement | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isArrowFunction(current)) continue;
    // A computed member name, a decorator and `extends` see the `this` outside the class.
    if (ts.isComputedPropertyName(current) || ts.isDecorator(current) || ts.isHeritageClause(current)) return undefined;
    if (ts.isFunctionLike(current) || ts.isPropertyDeclaration(current) || ts.isClassStaticBlockDeclaration(current)) {
      return ts.isClassLike(current.parent) ? (current as ts.ClassElement) : undefined;
    }
    if (ts.isClassLike(current) || ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

function isStatic(member: ts.ClassElement): boolean {
  return ts.isClassStaticBlockDeclaration(member) || (ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword));
}

/** The name of the instance member `this.name` refers to, when the class itself declares it (not a base class, not `static`). */
/** The name node of the member `this.name` refers to: a property or a constructor's parameter property of the instance's class. */
export function ownMemberName(access: ts.PropertyAccessExpression): ts.Node | undefined {
  const owner = thisOwner(access.expression);
  if (!owner || isStatic(owner)) return undefined;
  const name = access.name.text;
  let found: ts.Node | undefined;
  for (const member of (owner.parent as ts.ClassLikeDeclaration).members) {
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if (ts.isIdentifier(parameter.name) && parameter.name.text === name && ts.isParameterPropertyDeclaration(parameter, member)) found = parameter.name;
      }
    } else if (member.name && ts.isMemberName(member.name) && member.name.text === name) {
      if (isStatic(member)) return undefined;
      found = member.name;
    }
  }
  return found;
}

/** `type Client = Redis | Cluster` declared at the top of the file. */
function localTypeAlias(sourceFile: ts.SourceFile, name: string): ts.TypeAliasDeclaration | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text === name && !statement.typeParameters) return statement;
  }
  return undefined;
}

/**
 * One client out of the clients an expression may be (branches, assignments, union members): a
 * cluster client when every one is, one that may be a cluster client when some is.
 */
function mergeAlternatives(alternatives: ReadonlyArray<ClientRef | undefined>): ClientRef | undefined {
  const found = alternatives.filter((ref): ref is ClientRef => ref !== undefined);
  const [first] = found;
  if (!first) return undefined;
  const clusters = found.filter((ref) => ref.cluster).length;
  const mayBe = found.some((ref) => ref.mayBeCluster);
  if (clusters === found.length) return first;
  if (clusters > 0 || mayBe) return { ...(found.find((ref) => !ref.cluster) ?? first), cluster: false, mayBeCluster: true };
  return first;
}

/** Typed mode: a client when the type (or a member of its union/intersection) is declared by a client package. */
export function clientOfType(type: ts.Type): ClientRef | undefined {
  if (type.isUnion()) return mergeAlternatives(type.types.map((member) => clientOfType(member)));
  const candidates = [type];
  for (const candidate of candidates) {
    const parts = candidate.isIntersection() ? [candidate, ...candidate.types] : [candidate];
    for (const part of parts) {
      for (const symbol of [part.aliasSymbol, part.getSymbol()]) {
        const declaration = symbol?.declarations?.[0];
        if (!symbol || !declaration) continue;
        const library = libraryOfDeclarationFile(declaration.getSourceFile().fileName);
        if (!library) continue;
        const name = symbol.getName();
        if (/Pipeline|Multi|Chainable|Transaction/.test(name)) return undefined;
        if (isClientTypeName(name, library)) return { library, cluster: /Cluster/.test(name), site: undefined, name: undefined };
      }
    }
  }
  return undefined;
}

function isClientTypeName(name: string, library: ClientLibrary): boolean {
  if (library === 'ioredis') return name === 'Redis' || name === 'Cluster' || name === 'default';
  if (library === 'upstash') return name === 'Redis' || name === 'VercelKV';
  if (library === 'valkey-glide') return name === 'GlideClient' || name === 'GlideClusterClient';
  return /^(RedisClient|RedisCluster|RedisClientPool|RedisSentinel)(Type)?$/.test(name);
}

const moduleClusters = new WeakMap<ts.SourceFile, boolean>();

/** The module keeps a cluster client of its own: `export const redis = new Redis.Cluster(…)`, `const cluster = createCluster(…)`. */
function buildsModuleCluster(sourceFile: ts.SourceFile): boolean {
  let known = moduleClusters.get(sourceFile);
  if (known === undefined) {
    known = sourceFile.statements.some((statement) => ts.isVariableStatement(statement) && statement.declarationList.declarations.some((declaration) => declaration.initializer !== undefined && /^(new\s+([\w$]+\.)?Cluster\s*[(<]|([\w$]+\.)?createCluster\s*\()/.test(declaration.initializer.getText(sourceFile))));
    moduleClusters.set(sourceFile, known);
  }
  return known;
}

/** The `extends` expression of the class whose constructor makes this `super(…)` call. */
function baseClassOf(call: ts.CallExpression): ts.Expression | undefined {
  // `if (url) super(url, options); else super(options);`: any `super(…)` of the constructor, in a branch or a `try` too.
  let constructor: ts.Node | undefined = call.parent;
  while (constructor && !ts.isFunctionLike(constructor)) constructor = constructor.parent;
  if (!constructor || !ts.isConstructorDeclaration(constructor)) return undefined;
  return constructor.parent.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
}

