import type { ResolvedRule } from './config.js';

// One set per combination of rules, so a project index built for it is found again by identity.
const known = new Map<string, ReadonlySet<string> | undefined>();
// A resolved config keeps its rules array: an editor asks again on every keystroke, and the key costs a join.
const byRules = new WeakMap<readonly ResolvedRule[], ReadonlySet<string> | undefined>();

/**
 * The commands whose calls detection must read for these rules: the union of what each declares
 * in `meta.commands`; `undefined` (every command) when one of them declares nothing.
 */
export function wantedCommands(rules: readonly ResolvedRule[]): ReadonlySet<string> | undefined {
  if (byRules.has(rules)) return byRules.get(rules);
  const key = rules.map(({ rule }) => rule.id).join(',');
  if (!known.has(key)) known.set(key, rules.every(({ rule }) => rule.meta.commands !== undefined) ? new Set(rules.flatMap(({ rule }) => rule.meta.commands!)) : undefined);
  const wanted = known.get(key);
  byRules.set(rules, wanted);
  return wanted;
}
