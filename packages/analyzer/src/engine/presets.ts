import type { RuleLevel } from './config.js';
import type { RuleDefinition } from './rule.js';

/** From the fewest rules to every rule: each preset holds the one before it. */
export const PRESET_NAMES = ['recommended', 'strict', 'all'] as const;

export type PresetName = (typeof PRESET_NAMES)[number];

/** Rule levels of a preset, shared by every host (ESLint configs, the config files' `extends`, editor defaults). */
export function presetRules(rules: readonly RuleDefinition[], preset: PresetName): Record<string, RuleLevel> {
  const levels: Record<string, RuleLevel> = {};
  for (const rule of rules) {
    const on = preset === 'all' || (preset === 'strict' ? rule.meta.strict || rule.meta.recommended : rule.meta.recommended);
    if (on) levels[rule.id] = 'error';
  }
  return levels;
}
