import { resolveConfig, type UserConfig } from './config.js';
import type { Finding } from './finding.js';
import { parseFile } from './parse.js';
import { analyzeSourceFile } from './runner.js';
import type { ClientVersions } from './client-versions.js';
import { rules } from '../rules/index.js';

/** Untyped analysis of one file's text: the shortest way in, for tests and docs examples. */
export function analyzeText(fileName: string, text: string, config: UserConfig = {}, clientVersions?: ClientVersions): Finding[] {
  return analyzeSourceFile(parseFile(fileName, text), { config: resolveConfig(rules, config), clientVersions });
}
