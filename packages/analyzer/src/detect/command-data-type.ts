/** The Redis data types as `TYPE` names them. */
export type RedisDataType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream';

// HyperLogLogs and bitmaps are strings to TYPE; GEO commands work on sorted sets.
const STRING_COMMANDS = new Set([
  'GET', 'SET', 'SETNX', 'SETEX', 'PSETEX', 'MGET', 'MSET', 'MSETNX', 'GETSET', 'GETDEL', 'GETEX', 'GETRANGE', 'SETRANGE', 'APPEND', 'STRLEN',
  'INCR', 'INCRBY', 'INCRBYFLOAT', 'DECR', 'DECRBY', 'LCS', 'SUBSTR', 'SETBIT', 'GETBIT', 'BITCOUNT', 'BITPOS', 'BITFIELD', 'BITFIELD_RO', 'BITOP',
  'PFADD', 'PFCOUNT', 'PFMERGE',
]);
const LIST_COMMANDS = new Set([
  'LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX', 'LPOP', 'RPOP', 'LRANGE', 'LLEN', 'LINDEX', 'LINSERT', 'LREM', 'LSET', 'LTRIM', 'LPOS', 'LMOVE', 'LMPOP',
  'RPOPLPUSH', 'BLPOP', 'BRPOP', 'BLMOVE', 'BLMPOP', 'BRPOPLPUSH',
]);
const SET_COMMANDS = new Set([
  'SADD', 'SREM', 'SMEMBERS', 'SISMEMBER', 'SMISMEMBER', 'SCARD', 'SPOP', 'SRANDMEMBER', 'SSCAN', 'SMOVE', 'SUNION', 'SINTER', 'SDIFF', 'SINTERCARD',
  'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE',
]);
const NOT_HASH_COMMANDS = new Set(['HELLO']);

/** The data type a command reads or writes, or undefined for commands that take any key (DEL, EXPIRE) or none. */
export function dataTypeOf(command: string): RedisDataType | undefined {
  if (STRING_COMMANDS.has(command)) return 'string';
  if (LIST_COMMANDS.has(command)) return 'list';
  if (SET_COMMANDS.has(command)) return 'set';
  if (command.startsWith('H') && !NOT_HASH_COMMANDS.has(command)) return 'hash';
  if (command.startsWith('Z') || command.startsWith('BZ') || command.startsWith('GEO')) return 'zset';
  if (command.startsWith('X')) return 'stream';
  return undefined;
}
