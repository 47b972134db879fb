import type { RuleDefinition } from '../engine/rule.js';
import noKeysCommand from './no-keys-command.js';

/** Every rule, in id order. A test checks this list against the files in this folder. */
export const rules: readonly RuleDefinition[] = [noKeysCommand as unknown as RuleDefinition].sort((a, b) => a.id.localeCompare(b.id));

export function ruleById(id: string): RuleDefinition | undefined {
  return rules.find((rule) => rule.id === id);
}
