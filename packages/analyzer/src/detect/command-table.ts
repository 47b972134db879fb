import commands from '@ioredis/commands';

const { exists, getKeyIndexes, hasFlag, list } = commands;

/** Methods whose names differ from the command they send: node-redis's WITHSCORES and COUNT variants, GLIDE's `fcallReadonly` (2.5.2). */
const METHOD_ALIASES: Record<string, string> = {
  ZRANGEWITHSCORES: 'ZRANGE',
  ZRANGEBYSCOREWITHSCORES: 'ZRANGEBYSCORE',
  ZREVRANGEWITHSCORES: 'ZREVRANGE',
  ZUNIONWITHSCORES: 'ZUNION',
  ZINTERWITHSCORES: 'ZINTER',
  ZDIFFWITHSCORES: 'ZDIFF',
  ZPOPMINCOUNT: 'ZPOPMIN',
  ZPOPMAXCOUNT: 'ZPOPMAX',
  XREADGROUP: 'XREADGROUP',
  FCALLREADONLY: 'FCALL_RO',
};

/** Methods present on client objects that are not Redis commands, though a command shares the name. */
const NOT_COMMANDS = new Set(['MULTI', 'EXEC', 'PIPELINE', 'CONNECT', 'DISCONNECT', 'DUPLICATE', 'MONITOR']);

/**
 * The command method a promisified name stands for: `keysAsync` (bluebird's promisifyAll over node-redis 2/3,
 * or a module's `keysAsync: promisify(client.keys)`) is `keys`; undefined for any other name.
 */
export function promisifiedMethod(name: string): string | undefined {
  if (!/.Async$/.test(name)) return undefined;
  const base = name.slice(0, -5);
  return commandForMethod(base) ? base : undefined;
}

/** The Redis command a client method sends, upper-case, or undefined when it sends none. */
export function commandForMethod(method: string): string | undefined {
  if (methodCache.has(method)) return methodCache.get(method);
  const command = lookUpMethod(method);
  methodCache.set(method, command);
  return command;
}

const methodCache = new Map<string, string | undefined>();

function lookUpMethod(method: string): string | undefined {
  let name = method;
  if (name.endsWith('Buffer') && name.length > 6) name = name.slice(0, -6);
  const upper = name.toUpperCase();
  if (NOT_COMMANDS.has(upper)) return undefined;
  const alias = METHOD_ALIASES[upper];
  if (alias) return alias;
  return isCommand(upper) ? upper : undefined;
}

export function isCommand(command: string): boolean {
  return exists(command.toLowerCase());
}

export function commandHasFlag(command: string, flag: string): boolean {
  return isCommand(command) && hasFlag(command.toLowerCase(), flag);
}

/**
 * Indexes of the key arguments, from the command table's key specs. `args` are the command's
 * arguments after its name; unknown values are passed as `?` so numeric positions still resolve
 * when the number itself (for example EVAL's numkeys) is a literal.
 */
export function keyIndexes(command: string, args: readonly string[]): number[] {
  if (!isCommand(command)) return [];
  try {
    return getKeyIndexes(command.toLowerCase(), [...args]);
  } catch {
    return [];
  }
}

/** Commands that can name more than one key (MGET, DEL, RENAME, SUNIONSTORE, EVAL…), upper-case: those whose keys the table finds by parsing the arguments, or whose key range spans several. */
export const SEVERAL_KEY_COMMANDS: readonly string[] = list.filter(maySpanSeveralKeys).map((name) => name.toUpperCase());

function maySpanSeveralKeys(name: string): boolean {
  if (hasFlag(name, 'movablekeys')) return true;
  try {
    return getKeyIndexes(name, ['k', 'k', 'k', 'k', 'k', 'k', 'k', 'k']).length > 1;
  } catch {
    return false;
  }
}

/** Commands whose first argument is a key (GET, SORT; not KEYS, whose argument is a pattern). */
export function firstArgumentIsKey(command: string): boolean {
  let known = firstKey.get(command);
  if (known === undefined) firstKey.set(command, (known = keyIndexes(command, ['k', 'k', 'k', 'k', 'k', 'k', 'k', 'k'])[0] === 0));
  return known;
}

const firstKey = new Map<string, boolean>();
