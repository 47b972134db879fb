// What a host needs to present findings without loading the engine or TypeScript (the CLI's
// fully cached runs): plain types, ordering, positions and documentation links; and the hash slot
// function, for hosts that place live keys on cluster slots.
export { sortFindings, UNUSED_DIRECTIVE_RULE_ID, type Finding, type Fix, type RelatedLocation, type Suggestion, type TextEdit, type Severity } from './engine/finding.js';
export { LineIndex } from './engine/line-index.js';
export type { FindingKey } from './engine/finding-key.js';
export { keySlot, keySlotOfBytes } from './detect/key-slot.js';
export type { RedisDataType } from './detect/command-data-type.js';
export { docsUrl, REPOSITORY_URL } from './engine/docs-url.js';
export type { ClientVersions } from './engine/client-versions.js';
