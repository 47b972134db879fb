/** Installed client versions as `major.minor.patch`, read by the host (the engine does no I/O). */
export interface ClientVersions {
  ioredis?: string;
  /** node-redis: the `redis` or `@redis/client` package. */
  redis?: string;
  upstash?: string;
}

export function atLeast(version: string | undefined, major: number, minor = 0): boolean {
  if (!version) return false;
  const [ma = 0, mi = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  return ma > major || (ma === major && mi >= minor);
}

export function majorOf(version: string | undefined): number | undefined {
  if (!version) return undefined;
  const major = Number.parseInt(version, 10);
  return Number.isNaN(major) ? undefined : major;
}
