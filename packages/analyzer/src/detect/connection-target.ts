import ts = require('typescript');
import { objectLiteralOf, propertyPath } from './client-options.js';
import { clusterNodeList, mayAddTls } from './cluster-nodes.js';
import type { ClientSite } from './client-site.js';
import type { DetectionContext } from './detection-context.js';
import { skipOuter } from './module-binding.js';
import { secretLiteral } from './secret-literal.js';

/** A server address written as a literal that reaches a client construction. */
export interface ConnectionTarget {
  /** The string literal holding the URL or host. */
  literal: ts.StringLiteralLike;
  /** `url`: `redis://…`/`rediss://…`; `host`: a bare host name or IP. */
  kind: 'url' | 'host';
  /** The host name, lower-case, without brackets. */
  host: string;
  /** TLS is on: a `rediss://` URL or a `tls` option. `unknown` when options the engine cannot see could turn it on. */
  tls: boolean | 'unknown';
  /** The options object a `tls` option would go into, when the code spells it out. */
  tlsHolder: ts.ObjectLiteralExpression | undefined;
}

/** The literal addresses a client construction connects to (ioredis, node-redis, GLIDE, their clusters); Upstash speaks HTTPS. */
export function connectionTargets(site: ClientSite, context: DetectionContext): ConnectionTarget[] {
  if (site.library === 'upstash' || site.kind === 'duplicate' || site.fromEnv) return [];
  const targets: ConnectionTarget[] = [];
  const add = (expression: ts.Expression | undefined, defaultKind: 'url' | 'host' | 'either', tls: boolean | 'unknown', tlsHolder: ts.ObjectLiteralExpression | undefined): void => {
    if (!expression) return;
    const found = secretLiteral(expression, context);
    if (!found) return;
    const target = parseTarget(found.literal, defaultKind, tls, tlsHolder);
    if (target) targets.push(target);
  };
  const options = site.options;
  if (site.library === 'valkey-glide') {
    // GLIDE (2.5.2): `addresses: [{ host, port }]` and one `useTLS` flag for all of them; no URL form.
    const tls = tlsOf(options, [['useTLS']], site.optionsOpaque, context);
    const addresses = options ? propertyPath(options, ['addresses'], context).value : undefined;
    const array = addresses && skipOuter(addresses);
    for (const element of array && ts.isArrayLiteralExpression(array) ? array.elements : []) {
      const address = objectLiteralOf(element, context);
      if (address) add(propertyPath(address, ['host'], context).value, 'host', tls, options);
    }
    return targets;
  }
  if (site.library === 'ioredis') {
    const optionsTls = tlsOf(options, site.kind === 'cluster' ? [['redisOptions', 'tls'], ['tls']] : [['tls']], site.optionsOpaque, context);
    const holder = site.kind === 'cluster' ? undefined : options;
    if (site.kind === 'cluster') {
      const nodes = site.positional[0] && clusterNodeList(site.positional[0], context);
      const listTls = nodes?.mappedBy && mayAddTls(nodes.mappedBy) ? mergeTls(optionsTls, 'unknown') : optionsTls;
      for (const element of nodes?.elements ?? []) {
        const object = objectLiteralOf(element, context);
        // ioredis merges a node's own options into the connection it opens to that node.
        if (object) add(propertyPath(object, ['host'], context).value, 'host', mergeTls(listTls, tlsOf(object, [['tls']], false, context)), undefined);
        else add(element, 'either', listTls, undefined);
      }
      return targets;
    }
    site.positional.forEach((positional, index) => {
      const previous = site.positional[index - 1];
      add(positional, previous && ts.isNumericLiteral(skipOuter(previous)) ? 'host' : 'url', optionsTls, holder);
    });
    if (options) add(propertyPath(options, ['host'], context).value, 'host', optionsTls, holder);
    return targets;
  }
  if (site.kind === 'cluster') {
    const defaultsTls = tlsOf(options, [['defaults', 'socket', 'tls']], site.optionsOpaque, context);
    const rootNodes = options ? propertyPath(options, ['rootNodes'], context).value : undefined;
    const array = rootNodes && skipOuter(rootNodes);
    for (const element of array && ts.isArrayLiteralExpression(array) ? array.elements : []) {
      const node = objectLiteralOf(element, context);
      if (!node) continue;
      const nodeTls = defaultsTls === true ? true : mergeTls(defaultsTls, tlsOf(node, [['socket', 'tls']], false, context));
      add(propertyPath(node, ['url'], context).value, 'url', nodeTls, undefined);
      add(propertyPath(node, ['socket', 'host'], context).value, 'host', nodeTls, socketObject(node, context));
    }
    return targets;
  }
  if (site.kind === 'client' && options) {
    // node-redis 3 takes `tls: { … }` beside the URL; 4 and later, `socket.tls`.
    const socketTls = tlsOf(options, [['socket', 'tls'], ['tls']], false, context);
    add(propertyPath(options, ['url'], context).value, 'url', socketTls, undefined);
    add(propertyPath(options, ['socket', 'host'], context).value, 'host', socketTls, socketObject(options, context));
  }
  return targets;
}

function socketObject(options: ts.ObjectLiteralExpression, context: DetectionContext): ts.ObjectLiteralExpression | undefined {
  const socket = propertyPath(options, ['socket'], context).value;
  return socket ? objectLiteralOf(socket, context) : undefined;
}

function mergeTls(a: boolean | 'unknown', b: boolean | 'unknown'): boolean | 'unknown' {
  if (a === true || b === true) return true;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return false;
}

/** Whether any of the option paths turns TLS on: present and not `false`/`null`/`undefined`. */
function tlsOf(options: ts.ObjectLiteralExpression | undefined, paths: readonly string[][], opaque: boolean, context: DetectionContext): boolean | 'unknown' {
  if (!options) return opaque ? 'unknown' : false;
  let result: boolean | 'unknown' = false;
  for (const path of paths) {
    const found = propertyPath(options, path, context);
    if (found.value) {
      const value = skipOuter(found.value);
      const off = value.kind === ts.SyntaxKind.FalseKeyword || value.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(value) && value.text === 'undefined');
      if (!off) return true;
    } else if (found.opaque) result = 'unknown';
  }
  return result;
}

function parseTarget(literal: ts.StringLiteralLike, defaultKind: 'url' | 'host' | 'either', tls: boolean | 'unknown', tlsHolder: ts.ObjectLiteralExpression | undefined): ConnectionTarget | undefined {
  const text = literal.text.trim();
  // `//host:port`: ioredis and node-redis 3 parse a URL without a scheme as redis:// (slashes denote the host).
  if (text.startsWith('//')) {
    let host: string;
    try {
      host = new URL(`redis:${text}`).hostname;
    } catch {
      return undefined;
    }
    return host ? { literal, kind: 'host', host: normalizeHost(host), tls, tlsHolder } : undefined;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme) {
    if (!['redis', 'rediss', 'valkey', 'valkeys'].includes(scheme)) return undefined;
    let host: string;
    try {
      host = new URL(text).hostname;
    } catch {
      return undefined;
    }
    const secure = scheme === 'rediss' || scheme === 'valkeys' ? true : tls;
    return { literal, kind: 'url', host: normalizeHost(host), tls: secure, tlsHolder };
  }
  // `new Redis('host')` is not an ioredis form (a string is a URL or a socket path), but `'host:port'` is: ioredis
  // reads a URL without a scheme as `//host:port`, and cluster nodes are written that way.
  if (defaultKind === 'url' && !/:\d+$/.test(text)) return undefined;
  const host = text.replace(/:\d+$/, '');
  if (!/^[\w.-]+$|^\[[0-9a-f:.]+\]$/i.test(host)) return undefined;
  return { literal, kind: 'host', host: normalizeHost(host), tls, tlsHolder };
}

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '');
}

/**
 * Hosts reached without crossing an untrusted network: loopback, private and link-local
 * addresses, single-label names (container and service names) and internal suffixes.
 */
export function isPrivateHost(host: string): boolean {
  if (host === '' || host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0') return true;
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (ipv4) {
    const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (host.includes(':')) return /^f[cd]|^fe80/.test(host);
  if (!host.includes('.')) return true;
  return /\.(local|internal|lan|home|svc|cluster\.local|docker|test|example|invalid)$/.test(host);
}
