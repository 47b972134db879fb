import type { ClientLibrary } from './client-library.js';

const LABELS: Record<ClientLibrary, string> = {
  ioredis: 'ioredis',
  'node-redis': 'node-redis',
  upstash: '@upstash/redis',
  'valkey-glide': '@valkey/valkey-glide',
};

export function libraryLabel(library: ClientLibrary): string {
  return LABELS[library];
}
