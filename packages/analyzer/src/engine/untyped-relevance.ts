import { untypedFileMayHoldRedis } from '../detect/file-model.js';
import { rules } from '../rules/index.js';
import type { ResolvedConfig } from './config.js';

const OWN_RULES = new Set(rules);

/**
 * Whether untyped analysis of a file's text can find anything under `config`, so a host may skip parsing
 * it when not. Only the engine's own rules are known to need a client, a job queue or a Lua script.
 */
export function untypedAnalysisMayFind(text: string, config: ResolvedConfig): boolean {
  return untypedFileMayHoldRedis(text) || config.rules.some(({ rule }) => !OWN_RULES.has(rule));
}
