import type { RuleSetting } from '@redis-lint/analyzer';

/** The `redisLint.*` settings of one resource. */
export interface RedisLintSettings {
  enable: boolean;
  rules: Record<string, RuleSetting>;
  cluster: boolean;
  /** Analyze with a TypeScript program when the file belongs to a tsconfig. */
  typeCheck: boolean;
  /** A Redis to sample for the keyspace facts of a diagnostic's hover (trusted workspaces only). */
  redisUrl: string | undefined;
}

export const DEFAULT_SETTINGS: Readonly<RedisLintSettings> = Object.freeze({ enable: true, rules: {}, cluster: false, typeCheck: true, redisUrl: undefined });

/** Reads whatever the client sent; a missing or mistyped field keeps its default. */
export function normalizeSettings(raw: unknown): RedisLintSettings {
  const value = isObject(raw) ? raw : {};
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    rules: isObject(value.rules) ? (value.rules as Record<string, RuleSetting>) : {},
    cluster: typeof value.cluster === 'boolean' ? value.cluster : DEFAULT_SETTINGS.cluster,
    typeCheck: typeof value.typeCheck === 'boolean' ? value.typeCheck : DEFAULT_SETTINGS.typeCheck,
    redisUrl: typeof value.redisUrl === 'string' && value.redisUrl.trim() !== '' ? value.redisUrl.trim() : undefined,
  };
}

/**
 * Settings resolved per document URI and cached until the document closes or the configuration
 * changes. Clients without `workspace/configuration` push one set for everything instead.
 */
export class SettingsStore {
  private readonly byUri = new Map<string, Promise<RedisLintSettings>>();
  private pushed: RedisLintSettings = { ...DEFAULT_SETTINGS };

  constructor(private readonly pull: ((uri: string) => Promise<unknown>) | undefined) {}

  get(uri: string): Promise<RedisLintSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.pull(uri).then(normalizeSettings, () => ({ ...DEFAULT_SETTINGS }));
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /** `workspace/didChangeConfiguration`: clients that pull get re-asked, others pushed the new values. */
  changed(pushedSettings: unknown): void {
    this.byUri.clear();
    if (!this.pull) this.pushed = normalizeSettings(pushedSettings);
  }

  drop(uri: string): void {
    this.byUri.delete(uri);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
