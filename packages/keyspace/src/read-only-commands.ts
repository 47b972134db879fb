/**
 * Every command the sampler may send, and nothing else: no KEYS (it blocks the server for the
 * whole keyspace), no value reads, no writes. A connection refuses anything not listed here.
 */
export const READ_ONLY_COMMANDS = [
  'SCAN', 'TYPE', 'PTTL', 'MEMORY USAGE', 'SCARD', 'HLEN', 'LLEN', 'ZCARD', 'XLEN', 'STRLEN', 'DBSIZE', 'INFO', 'CLUSTER SHARDS', 'CLUSTER SLOTS',
] as const;

export type ReadOnlyCommand = (typeof READ_ONLY_COMMANDS)[number];

const ALLOWED = new Set<string>(READ_ONLY_COMMANDS);

export function isReadOnlyCommand(command: string): command is ReadOnlyCommand {
  return ALLOWED.has(command);
}
