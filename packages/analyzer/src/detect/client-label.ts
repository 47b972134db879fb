import type { ClientLibrary } from './client-library.js';

export function libraryLabel(library: ClientLibrary): string {
  return library === 'ioredis' ? 'ioredis' : library === 'node-redis' ? 'node-redis' : '@upstash/redis';
}
