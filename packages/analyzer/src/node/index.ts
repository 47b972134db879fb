// The Node.js side of the engine: helpers that read the file system, shared by every host.
export { ClientVersionReader } from './client-versions.js';
