import { rules as engineRules } from '@redis-lint/analyzer';
import { eslintRule, type EngineRule } from './engine-rule.js';

/** One ESLint rule per engine rule, keyed by the engine's rule id. */
export const rules: Readonly<Record<string, EngineRule>> = Object.fromEntries(engineRules.map((definition) => [definition.id, eslintRule(definition)]));
