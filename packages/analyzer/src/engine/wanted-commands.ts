import type { ResolvedRule } from './config.js';

// One set per combination of rules, so a project index built for it is found again by identity.
const known = new Map<string, ReadonlySet<string> | undefined>();

/**
 * The commands whose calls detection must read for these rules: the union of what each declares
 * in `meta.commands`; `undefined` (every command) when one of them declares nothing.
 */
export function wantedCommands(rules: readonly ResolvedRule[]): ReadonlySet<string> | undefined {
  const key = rules.map(({ rule }) => rule.id).join(',');
  if (known.has(key)) return known.get(key);
  const wanted = rules.every(({ rule }) => rule.meta.commands !== undefined) ? new Set(rules.flatMap(({ rule }) => rule.meta.commands!)) : undefined;
  known.set(key, wanted);
  return wanted;
}
