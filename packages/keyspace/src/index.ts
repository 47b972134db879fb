export { sampleKeyspace, DEFAULT_SAMPLE_OPTIONS, type SampleOptions } from './sample-keyspace.js';
export { parseRedisTarget, redactSecret, type RedisTarget, type TargetEnvironment } from './redis-target.js';
export { KeyspaceError } from './keyspace-error.js';
export { READ_ONLY_COMMANDS, type ReadOnlyCommand } from './read-only-commands.js';
export type { ClusterMode } from './topology.js';
export * from './facts.js';
