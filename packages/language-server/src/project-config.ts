import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { UserConfig } from '@redis-lint/analyzer';

export const PROJECT_CONFIG_FILE = 'redis-lint.config.json';

export interface ProjectConfig {
  path: string;
  config: UserConfig;
  /** Why the file could not be used, when it could not. */
  error?: string;
}

/**
 * Finds the `redis-lint.config.json` nearest to a file, looking no higher than the workspace
 * folder, and reads it (re-read only when its modification time changes).
 */
export class ProjectConfigs {
  private readonly cache = new Map<string, { mtimeMs: number; result: ProjectConfig }>();

  find(fileName: string, stopAt: string | undefined): ProjectConfig | undefined {
    let directory = dirname(fileName);
    for (;;) {
      const candidate = join(directory, PROJECT_CONFIG_FILE);
      const found = this.read(candidate);
      if (found) return found;
      const parent = dirname(directory);
      if (parent === directory || (stopAt !== undefined && directory === stopAt)) return undefined;
      directory = parent;
    }
  }

  private read(path: string): ProjectConfig | undefined {
    let mtimeMs: number | undefined;
    try {
      // No exception for the usual case, a directory without the file: this runs for every directory on every keystroke.
      mtimeMs = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    } catch {
      return undefined;
    }
    if (mtimeMs === undefined) return undefined;
    const cached = this.cache.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return cached.result;
    const result = parseProjectConfig(path, readFileSync(path, 'utf8'));
    this.cache.set(path, { mtimeMs, result });
    return result;
  }
}

export function parseProjectConfig(path: string, text: string): ProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { path, config: {}, error: `${path} is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { path, config: {}, error: `${path} must hold a JSON object.` };
  const { extends: presets, rules, cluster } = raw as Record<string, unknown>;
  const config: UserConfig = {};
  // Checked against the presets when the config is resolved, which warns and falls back to `recommended`.
  if (presets !== undefined) config.extends = presets as UserConfig['extends'];
  if (typeof rules === 'object' && rules !== null && !Array.isArray(rules)) config.rules = rules as UserConfig['rules'];
  if (typeof cluster === 'boolean') config.cluster = cluster;
  return { path, config };
}
