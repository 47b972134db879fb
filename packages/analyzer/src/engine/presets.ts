import type { RuleLevel } from './config.js';
import type { RuleDefinition } from './rule.js';

export type PresetName = 'recommended' | 'strict' | 'all';

/** Rule levels of a preset, shared by every host (ESLint configs, CLI `--preset`, editor defaults). */
export function presetRules(rules: readonly RuleDefinition[], preset: PresetName): Record<string, RuleLevel> {
  const levels: Record<string, RuleLevel> = {};
  for (const rule of rules) {
    const on = preset === 'all' || (preset === 'strict' ? rule.meta.strict || rule.meta.recommended : rule.meta.recommended);
    if (on) levels[rule.id] = 'error';
  }
  return levels;
}
