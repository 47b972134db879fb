import { dataTypeOf, type RedisDataType } from '../detect/command-data-type.js';
import type { KeyPattern } from '../detect/key-pattern.js';
import type { RedisCall } from '../detect/redis-call.js';

/**
 * A key a finding is about, stated so that a live keyspace can be matched against it
 * (`redis-lint --redis-url`): plain data, like the rest of a finding.
 */
export interface FindingKey {
  /** A Redis glob (`SCAN … MATCH`): the key's literal text with `*?[]\` escaped, each run-time part as `*`. */
  pattern: string;
  /** The key as messages show it: run-time parts as `${expr}`. */
  display: string;
  /** The command that reads or writes the key, upper-case. */
  command: string;
  /** The data type the command works on, when it works on one (not DEL, EXPIRE…). */
  dataType?: RedisDataType;
}

/** A key and the command that uses it, as a rule reports them. */
export interface KeyUse {
  key: KeyPattern;
  command: string;
}

/** Every key a call names, with its command. */
export function keyUsesOf(call: RedisCall): KeyUse[] {
  return call.keys.map((key) => ({ key, command: call.command }));
}

/**
 * The keys whose pattern can be stated, once each: a key made only of run-time values would
 * match the whole keyspace, which says nothing about this code.
 */
export function findingKeysOf(uses: readonly KeyUse[]): FindingKey[] {
  const keys = new Map<string, FindingKey>();
  for (const { key, command } of uses) {
    if (!key.hasTextPart) continue;
    const pattern = globOf(key);
    const dataType = dataTypeOf(command);
    const id = `${pattern}\0${command}`;
    if (!keys.has(id)) keys.set(id, { pattern, display: key.display, command, ...(dataType ? { dataType } : {}) });
  }
  return [...keys.values()];
}

function globOf(key: KeyPattern): string {
  // Parts alternate text and run-time values once merged, but two run-time values can be neighbours.
  return key.parts.map((part, index) => (part.kind === 'text' ? part.value.replace(/[*?[\]\\]/g, '\\$&') : key.parts[index - 1]?.kind === 'dynamic' ? '' : '*')).join('');
}
