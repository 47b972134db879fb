// What a host needs to show keyspace facts without loading the Redis client (the CLI's reporters,
// which every run loads): the facts' types, their rendering and their ranking.
export { keyspaceFactsFor, type KeyspaceFacts } from './keyspace-facts.js';
export { describeKeyspaceFacts, describeKeyspaceSummary } from './describe-facts.js';
export { compareImpact, impactOf, type Impact } from './impact.js';
export type { KeyspaceSample, KeyspaceSummary, PatternSample, SampledKey } from './keyspace-sample.js';
export type { Percentiles } from './percentiles.js';
