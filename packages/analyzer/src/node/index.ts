// The Node.js side of the engine: helpers that read the file system, shared by every host. No TypeScript:
// a cached CLI run loads this and nothing of the engine.
export { ClientVersionReader } from './client-versions.js';
export { ProjectLocator, inferredProjectKey } from './project-locator.js';
export type { Project, ProjectKind } from './project-model.js';
