import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { flatConfigs, PLUGIN_NAMESPACE, type ConfigName } from './configs.js';
import { rules } from './eslint-rules.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

interface RedisLintPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const plugin: RedisLintPlugin = {
  meta: { name, version, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};
Object.assign(plugin.configs, flatConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin));

export default plugin;
export { rules };
export const configs = plugin.configs;
export { SETTINGS_KEY, type PluginSettings } from './plugin-settings.js';
export type { RedisLintDocs } from './create-rule.js';
export type { EngineRule, EngineRuleOptions } from './engine-rule.js';
