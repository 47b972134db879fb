import type ts from 'typescript';
import type { KeyPattern } from './key-pattern.js';
import type { RedisCall } from './redis-call.js';

/**
 * The keys whose text this file writes, with the call that uses each: a rule about how a key is
 * named judges it where it is spelled. A helper's constant key is named in the helper's module, so
 * it is judged there, also when its callers in other files read the command; at those callers it is
 * not judged again (its node is another file's).
 */
export function keysWrittenHere(sourceFile: ts.SourceFile, calls: readonly RedisCall[]): Array<{ key: KeyPattern; call: RedisCall }> {
  return calls.flatMap((call) => call.keys.filter((key) => key.node.getSourceFile() === sourceFile).map((key) => ({ key, call })));
}
