import type { ClientVersions } from '@redis-lint/analyzer';

/** `settings['redis-lint']` in an ESLint config, shared by every redis-lint rule. */
export interface PluginSettings {
  /** Treat every client as a Redis Cluster client (for code that builds clients in a factory). */
  cluster: boolean;
  /** Installed client versions; read from the linted file's `node_modules` when absent. */
  clientVersions: ClientVersions | undefined;
  /**
   * For files the parser brings no program for: build the program of the file's project (tsconfig,
   * jsconfig, or the inferred program of its package) as the CLI does (default), or analyze each
   * file on its own (`false`: fastest, no clients followed across files).
   */
  projects: boolean;
}

export const SETTINGS_KEY = 'redis-lint';

export function pluginSettings(settings: Readonly<Record<string, unknown>> | undefined): PluginSettings {
  const own = settings?.[SETTINGS_KEY];
  if (typeof own !== 'object' || own === null) return { cluster: false, clientVersions: undefined, projects: true };
  const { cluster, clientVersions, projects } = own as Record<string, unknown>;
  return {
    cluster: cluster === true,
    clientVersions: typeof clientVersions === 'object' && clientVersions !== null ? versionStrings(clientVersions as Record<string, unknown>) : undefined,
    projects: projects !== false,
  };
}

function versionStrings(raw: Record<string, unknown>): ClientVersions {
  const versions: ClientVersions = {};
  if (typeof raw.ioredis === 'string') versions.ioredis = raw.ioredis;
  if (typeof raw.redis === 'string') versions.redis = raw.redis;
  if (typeof raw.upstash === 'string') versions.upstash = raw.upstash;
  return versions;
}
