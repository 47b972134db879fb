import type ts from 'typescript';
import type { ClientLibrary, WrappedNodeRedis } from './client-library.js';
import type { HotPath } from './hot-path.js';
import type { OpaqueOrigin } from './client-options.js';

export type ClientKind = 'client' | 'cluster' | 'duplicate' | 'pool' | 'sentinel';

/** A place where code constructs a Redis client (or duplicates one). */
export interface ClientSite {
  library: ClientLibrary;
  /** Built by a package that wraps node-redis (`async-redis`): its major and whether it shares connections. */
  wrapped?: WrappedNodeRedis;
  /**
   * Built by a NestJS module from options written here (`RedisModule.forRoot({ config })`), named by its
   * package: `node` is that call, not a construction the code could add an argument to.
   */
  registeredBy?: string;
  kind: ClientKind;
  node: ts.NewExpression | ts.CallExpression;
  /** The options object literal when the code spells it out (for a cluster: the second argument). */
  options: ts.ObjectLiteralExpression | undefined;
  /** Arguments that are not the options object: a URL, a port, a host, cluster nodes. */
  positional: readonly ts.Expression[];
  /** The options come from somewhere the engine cannot see (a variable, a spread, a call). */
  optionsOpaque: boolean;
  /** For opaque options: handed in wholly by the enclosing function's caller, or built somewhere in the project (env, config, an import). */
  opaqueOrigin: OpaqueOrigin | undefined;
  /** Objects merged under `options` (`Object.assign`'s other arguments), visible or not. */
  mergedOptions: readonly ts.Expression[];
  /** For `duplicate()`: the client it copies, when known. */
  parent: ClientRef | undefined;
  /** Created by `Redis.fromEnv()` (Upstash): credentials come from the environment. */
  fromEnv: boolean;
  /** Lexical facts filled in by the walker. */
  context: CodeContext;
  /** The variable or property the client is stored in, as written (`redis`, `this.client`). */
  storedAs: string | undefined;
  /** How the client is kept: see `Storage`. */
  storage: Storage;
}

/**
 * `module`: a module-scope binding or class field; `memoized`: assigned once behind a guard
 * (`client ??= …`, `if (!client) client = …`) or into a cache; `local`: a local binding or an
 * unbound expression; `returned`: handed back to the caller (a factory).
 */
export type Storage = 'module' | 'memoized' | 'local' | 'returned';

export interface CodeContext {
  /** The nearest enclosing function, if any. */
  fn: ts.SignatureDeclaration | undefined;
  /** Inside a loop body or an array-iteration callback, within the nearest function. */
  inLoop: boolean;
  /** Set after the walk when the code runs per request. */
  hotPath: HotPath | undefined;
}

/** What a receiver expression is known to be: a client of a library, maybe tied to a construction site. */
export interface ClientRef {
  library: ClientLibrary;
  cluster: boolean;
  site: ClientSite | undefined;
  /** The expression's name as written, for messages and grouping (`redis`, `this.client`). */
  name: string | undefined;
  /** Not proven a cluster client, but one in some configuration: a Cluster branch, a union type, a cluster flag. */
  mayBeCluster?: boolean;
  /** How it is known: absent when proven (a construction, a declared client type, a client package's type); `inferred` from how the code calls it. */
  evidence?: 'inferred';
}
