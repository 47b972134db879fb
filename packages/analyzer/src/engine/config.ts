import type { ClientVersions } from './client-versions.js';
import type { Severity } from './finding.js';
import { PRESET_NAMES, presetRules, type PresetName } from './presets.js';
import type { RuleDefinition } from './rule.js';

export type RuleLevel = 'off' | Severity;
export type RuleSetting = RuleLevel | [RuleLevel] | [RuleLevel, Record<string, unknown>];

/** The configuration users write (`redis-lint.config.json`, ESLint rule settings, editor settings). */
export interface UserConfig {
  /** Presets whose rules run at `error` before `rules` apply, as ESLint's shared configs; without it, the host's default. */
  extends?: PresetName | PresetName[];
  rules?: Record<string, RuleSetting>;
  /** Treat every client as a Redis Cluster client (for code that builds clients in a factory). */
  cluster?: boolean;
}

export interface ResolvedRule {
  rule: RuleDefinition;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  rules: ResolvedRule[];
  cluster: boolean;
}

export class ConfigError extends Error {}

/**
 * Merges a user config over the rule set: rules the user does not mention keep the level of the
 * presets it extends (`base` when it extends none: `recommended` unless the host says otherwise);
 * options are shallow-merged over the rule's defaults.
 */
export function resolveConfig(rules: readonly RuleDefinition[], config: UserConfig = {}, base: PresetName | 'none' = 'recommended'): ResolvedConfig {
  const known = new Map(rules.map((rule) => [rule.id, rule]));
  for (const id of Object.keys(config.rules ?? {})) {
    const bare = id.replace(/^@redis-lint\//, '');
    if (!known.has(bare)) throw new ConfigError(`Unknown rule "${id}". Known rules: ${[...known.keys()].join(', ')}.`);
  }
  const defaults = presetLevels(rules, config.extends ?? (base === 'none' ? [] : base));
  const resolved: ResolvedRule[] = [];
  for (const rule of rules) {
    const setting = config.rules?.[rule.id] ?? config.rules?.[`@redis-lint/${rule.id}`];
    const [level, options] = normalizeSetting(rule.id, setting ?? defaults[rule.id] ?? 'off');
    if (level === 'off') continue;
    resolved.push({ rule, severity: level, options: { ...(rule.meta.defaultOptions as Record<string, unknown>), ...options } });
  }
  return { rules: resolved, cluster: config.cluster === true };
}

function presetLevels(rules: readonly RuleDefinition[], presets: PresetName | readonly PresetName[]): Record<string, RuleLevel> {
  const names: readonly unknown[] = Array.isArray(presets) ? presets : [presets];
  const levels: Record<string, RuleLevel> = {};
  for (const name of names) {
    if (!(PRESET_NAMES as readonly unknown[]).includes(name)) throw new ConfigError(`Unknown preset ${JSON.stringify(name)} in "extends". Known presets: ${PRESET_NAMES.join(', ')}.`);
    Object.assign(levels, presetRules(rules, name as PresetName));
  }
  return levels;
}

function normalizeSetting(id: string, setting: RuleSetting): [RuleLevel, Record<string, unknown>] {
  const [level, options] = Array.isArray(setting) ? setting : [setting];
  if (level !== 'off' && level !== 'warn' && level !== 'error') {
    throw new ConfigError(`Rule "${id}": severity must be "off", "warn" or "error", got ${JSON.stringify(level)}.`);
  }
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new ConfigError(`Rule "${id}": options must be an object.`);
  }
  return [level, options ?? {}];
}

export type { ClientVersions };
