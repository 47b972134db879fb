import { presetRules, rules as engineRules, type PresetName } from '@redis-lint/analyzer';
import type { TSESLint } from '@typescript-eslint/utils';
import { SETTINGS_KEY } from './plugin-settings.js';

export const PLUGIN_NAMESPACE = '@redis-lint';

export type ConfigName = PresetName | 'cluster';

/** The flat configs: the engine's presets, plus `cluster`, which declares every client a cluster client. */
export function flatConfigs(plugin: TSESLint.FlatConfig.Plugin): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const preset = (name: PresetName): TSESLint.FlatConfig.Config => ({
    name: `${PLUGIN_NAMESPACE}/${name}`,
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    rules: namespaced(presetRules(engineRules, name)),
  });
  return {
    recommended: preset('recommended'),
    strict: preset('strict'),
    all: preset('all'),
    cluster: {
      name: `${PLUGIN_NAMESPACE}/cluster`,
      plugins: { [PLUGIN_NAMESPACE]: plugin },
      settings: { [SETTINGS_KEY]: { cluster: true } },
    },
  };
}

function namespaced(levels: Record<string, string>): TSESLint.FlatConfig.Rules {
  const rules: TSESLint.FlatConfig.Rules = {};
  for (const [id, level] of Object.entries(levels)) rules[`${PLUGIN_NAMESPACE}/${id}`] = level as TSESLint.FlatConfig.RuleLevel;
  return rules;
}
