import type ts from 'typescript';
import type { ClientRef, CodeContext } from './client-site.js';
import type { KeyPattern } from './key-pattern.js';

/** A pipeline or MULTI batch: commands queued on it run in one round trip. */
export interface Batch {
  id: number;
  kind: 'pipeline' | 'multi';
  client: ClientRef;
  /** The `pipeline()` / `multi()` call, or GLIDE's `new Batch(…)`. */
  node: ts.CallExpression | ts.NewExpression;
  /** Where the batch is made: a command queued in a loop the batch is not in runs once per item. */
  context: CodeContext;
  calls: RedisCall[];
}

/** A command argument as the engine sees it: its node and its text when constant. */
export interface CommandArg {
  node: ts.Expression;
  /** The literal value as a string (numbers in decimal), or undefined. */
  value: string | undefined;
}

/** One Redis command sent by the code. */
export interface RedisCall {
  node: ts.CallExpression;
  /** Upper-case command name: `KEYS`, `HGETALL`. */
  command: string;
  /** `method`: `redis.keys()`; `call`: `redis.call('keys')`; `sendCommand`: `sendCommand(['KEYS'])`; `array`: `pipeline([['keys', …]])`. */
  via: 'method' | 'call' | 'sendCommand' | 'array';
  /** The method as written, for `via: 'method'`. */
  method: string | undefined;
  /** The node naming the command: the method name, or the command string. */
  nameNode: ts.Node;
  client: ClientRef;
  /** Positional arguments after the command name, arrays flattened; option objects excluded. */
  args: readonly CommandArg[];
  /** Trailing option objects (node-redis `{ EX: 60 }`, Upstash `{ ex: 60 }`). */
  optionObjects: readonly ts.ObjectLiteralExpression[];
  keys: readonly KeyPattern[];
  /** The key positions could not all be resolved (a spread, an unknown numkeys). */
  keysIncomplete: boolean;
  batch: Batch | undefined;
  context: CodeContext;
  /**
   * A call of the application's own helper (`cache.set(key, value)`), read as the command the helper
   * sends with the caller's arguments: `node` is the helper's call, `through` the command inside it.
   */
  through?: RedisCall;
}
