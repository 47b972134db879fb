import { KeyspaceError } from './keyspace-error.js';

/** Where to sample, parsed from `redis[s]://[user[:password]@]host[:port][/db]` and the environment. */
export interface RedisTarget {
  host: string;
  port: number;
  tls: boolean;
  username: string | undefined;
  password: string | undefined;
  db: number;
  /** The URL with any password replaced by `***`: the only form ever printed. */
  display: string;
}

/** Credentials the URL does not carry may come from the environment, so they stay out of shell history. */
export interface TargetEnvironment {
  REDIS_LINT_REDIS_USERNAME?: string | undefined;
  REDIS_LINT_REDIS_PASSWORD?: string | undefined;
}

export function parseRedisTarget(url: string, env: TargetEnvironment = {}): RedisTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoed: where a password starts and ends in a string that is not a URL is anyone's guess.
    throw new KeyspaceError('the Redis URL is not a URL (expected redis://[user:password@]host[:port][/db] or rediss://…).');
  }
  const display = redactedUrl(parsed);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new KeyspaceError(`the Redis URL ${display} must start with redis:// or rediss://.`);
  if (!parsed.hostname) throw new KeyspaceError(`the Redis URL ${display} names no host.`);
  const dbText = parsed.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) throw new KeyspaceError(`the Redis URL ${display} has "${dbText}" where a database number belongs.`);
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const username = parsed.username ? decodeURIComponent(parsed.username) : env.REDIS_LINT_REDIS_USERNAME || undefined;
  const password = parsed.password ? decodeURIComponent(parsed.password) : env.REDIS_LINT_REDIS_PASSWORD || undefined;
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    tls: parsed.protocol === 'rediss:',
    username,
    password,
    db: dbText === '' ? 0 : Number(dbText),
    display,
  };
}

function redactedUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}

/** Removes the password from any text about the target (a client's error message, a stack). */
export function redactSecret(text: string, target: Pick<RedisTarget, 'password'>): string {
  const password = target.password;
  if (!password) return text;
  return text.split(password).join('***').split(encodeURIComponent(password)).join('***');
}
