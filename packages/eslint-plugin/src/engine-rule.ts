import type { RuleDefinition } from '@redis-lint/analyzer';
import type { JSONSchema, TSESLint } from '@typescript-eslint/utils';
import { createRule, type RedisLintDocs } from './create-rule.js';
import { enableRule, findingsFor } from './file-analysis.js';
import { ClientVersionReader } from '@redis-lint/analyzer/node';
import { pluginSettings } from './plugin-settings.js';
import { reportDescriptor } from './report-finding.js';

/** One reader for the lint run: versions are read once per project, as the CLI and the editor read them. */
const clientVersionReader = new ClientVersionReader();

export type EngineRuleOptions = [Record<string, unknown>];
export type EngineRule = TSESLint.RuleModule<string, EngineRuleOptions, RedisLintDocs>;

/**
 * The one adapter: an engine rule as an ESLint rule. It knows nothing about Redis; it reports the
 * engine's findings for this rule, computed once per file for all redis-lint rules.
 */
export function eslintRule(definition: RuleDefinition): EngineRule {
  const { meta } = definition;
  return createRule<EngineRuleOptions, string>({
    name: definition.id,
    meta: {
      type: 'problem',
      docs: { description: meta.description, recommended: meta.recommended, strict: meta.strict || meta.recommended },
      messages: meta.messages,
      schema: [meta.schema as unknown as JSONSchema.JSONSchema4ObjectSchema],
      defaultOptions: [meta.defaultOptions],
      ...(meta.fixable ? { fixable: 'code' as const } : {}),
      ...(meta.hasSuggestions ? { hasSuggestions: true } : {}),
    },
    create(context, [options]) {
      const { sourceCode, filename } = context;
      enableRule(sourceCode, definition, options);
      return {
        Program() {
          const settings = pluginSettings(context.settings);
          const request = { fileName: filename, cluster: settings.cluster, clientVersions: settings.clientVersions ?? clientVersionReader.forFile(filename), projects: settings.projects };
          for (const finding of findingsFor(sourceCode, definition.id, request)) {
            context.report(reportDescriptor(finding, sourceCode, meta));
          }
        },
      };
    },
  });
}
