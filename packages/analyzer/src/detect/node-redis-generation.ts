import ts = require('typescript');
import { majorOf } from '../engine/client-versions.js';
import type { ClientSite } from './client-site.js';
import type { RedisCall } from './redis-call.js';
import { propertyNameText } from './key-resolver.js';
import { skipOuter } from './module-binding.js';

/** Options only node-redis v2/v3 reads (v4 renamed or dropped every one of them). */
const V3_OPTIONS = new Set(['connect_timeout', 'auth_pass', 'retry_strategy', 'return_buffers', 'detect_buffers', 'enable_offline_queue', 'no_ready_check', 'socket_keepalive', 'socket_initial_delay', 'retry_unfulfilled_commands', 'rename_commands', 'string_numbers', 'max_attempts', 'retry_max_delay']);

/**
 * The major version of the node-redis that builds `site`: the installed (or declared) version when
 * known, else 3 when the construction has v3's shape (`createClient(port, host)`, snake_case options).
 */
export function nodeRedisMajor(site: ClientSite, installed: string | undefined): number | undefined {
  if (site.wrapped) return site.wrapped.major;
  const major = majorOf(installed);
  if (major !== undefined) return major;
  const first = site.node.arguments?.[0];
  if (site.positional.length > 0 && first && ts.isNumericLiteral(skipOuter(first))) return 3;
  if (site.node.arguments && site.node.arguments.length >= 2 && site.kind === 'client' && !site.options?.properties.some((property) => property.name && propertyNameText(property.name) === 'url')) {
    if (site.positional.length >= 2) return 3;
  }
  const options = site.options;
  if (options?.properties.some((property) => property.name !== undefined && V3_OPTIONS.has(propertyNameText(property.name) ?? ''))) return 3;
  return undefined;
}

/** The node-redis major a call's client is: the installed version when known, else its construction's shape. */
export function callNodeRedisMajor(call: RedisCall, installed: string | undefined): number | undefined {
  return call.client.site?.wrapped?.major ?? majorOf(installed) ?? (call.client.site ? nodeRedisMajor(call.client.site, undefined) : undefined);
}
