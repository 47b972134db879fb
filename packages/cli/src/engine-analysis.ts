import { ConfigError, resolveConfig, rules, type ResolvedConfig, type UserConfig } from '@redis-lint/analyzer';
import { analyzeFiles, type AnalyzeFilesOptions, type FilesAnalysis } from './analyze-files.js';
import type { RuleSummary } from './lint-report.js';
import { UsageError } from './usage-error.js';

/** The engine side of a run (TypeScript, the rules, detection), loaded only when some file must be analyzed. */
export class EngineAnalysis {
  readonly rules: RuleSummary[];

  private constructor(private readonly config: ResolvedConfig) {
    this.rules = config.rules.map(({ rule, severity }) => ({ id: rule.id, description: rule.meta.description, severity })).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The configuration as written, resolved against the rules (a config the rules reject is a usage error naming its file), or one already resolved. */
  static create(config: UserConfig | ResolvedConfig, configFile: string | undefined): EngineAnalysis {
    if (Array.isArray(config.rules)) return new EngineAnalysis(config as ResolvedConfig);
    try {
      return new EngineAnalysis(resolveConfig(rules, config as UserConfig));
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(`${configFile ?? 'config'}: ${error.message}`);
      throw error;
    }
  }

  analyze(files: readonly string[], options: Omit<AnalyzeFilesOptions, 'config'>): FilesAnalysis {
    return analyzeFiles(files, { ...options, config: this.config });
  }
}
