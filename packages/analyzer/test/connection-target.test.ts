import { describe, expect, it } from 'vitest';
import { analyzeText } from '@redis-lint/analyzer';

function tls(code: string): Array<{ messageId: string; text: string; suggestion: string | undefined }> {
  return analyzeText('app.ts', code, { rules: { 'require-tls': 'error' } })
    .filter((finding) => finding.ruleId === 'require-tls')
    .map((finding) => {
      const edits = finding.suggestions?.[0]?.edits ?? [];
      let fixed = code;
      for (const edit of [...edits].reverse()) fixed = fixed.slice(0, edit.start) + edit.text + fixed.slice(edit.end);
      return { messageId: finding.messageId, text: code.slice(finding.start, finding.end), suggestion: edits.length > 0 ? fixed.split('\n').at(-1) : undefined };
    });
}

describe('connection targets (require-tls)', () => {
  it('reports plaintext URLs and hosts that leave the private network, with the scheme or option suggestion', () => {
    expect(tls("import Redis from 'ioredis';\nnew Redis('redis://cache.example.com:6379');")).toEqual([
      { messageId: 'plaintextUrl', text: "'redis://cache.example.com:6379'", suggestion: "new Redis('rediss://cache.example.com:6379');" },
    ]);
    expect(tls("import Redis from 'ioredis';\nnew Redis(6379, '203.0.113.7');")).toEqual([{ messageId: 'plaintextHost', text: "'203.0.113.7'", suggestion: undefined }]);
    expect(tls("import { createClient } from 'redis';\ncreateClient({ socket: { host: 'db.example.org' } });")).toEqual([
      { messageId: 'plaintextHost', text: "'db.example.org'", suggestion: "createClient({ socket: { host: 'db.example.org', tls: true } });" },
    ]);
    expect(tls("import { createClient } from 'redis';\ncreateClient({ url: process.env.URL ?? 'redis://db.example.org' });")).toEqual([
      { messageId: 'plaintextUrl', text: "'redis://db.example.org'", suggestion: "createClient({ url: process.env.URL ?? 'rediss://db.example.org' });" },
    ]);
  });

  it.each([
    ["import Redis from 'ioredis';\nnew Redis('redis://localhost:6379');", 'localhost'],
    ["import Redis from 'ioredis';\nnew Redis('redis://[::1]:6379');", 'IPv6 loopback'],
    ["import Redis from 'ioredis';\nnew Redis('redis://192.168.1.20:6379');", 'private IPv4'],
    ["import Redis from 'ioredis';\nnew Redis('redis://redis:6379');", 'a compose service name'],
    ["import Redis from 'ioredis';\nnew Redis('redis://cache.svc.cluster.local:6379');", 'a Kubernetes service'],
    ["import Redis from 'ioredis';\nnew Redis('rediss://cache.example.com:6380');", 'rediss://'],
    ["import Redis from 'ioredis';\nnew Redis('redis://cache.example.com', { tls: {} });", 'a tls option'],
    ["import Redis from 'ioredis';\nconst base = { tls: {} };\nnew Redis('redis://cache.example.com', { ...base });", 'options behind a spread'],
    ["import { createClient } from 'redis';\ncreateClient({ socket: { host: 'db.example.org', tls: true } });", 'node-redis socket.tls'],
    ["import { Redis } from '@upstash/redis';\nnew Redis({ url: 'https://eu1.upstash.io', token: process.env.T! });", 'Upstash over HTTPS'],
    ["const url = 'redis://cache.example.com:6379';\nconsole.log(url);", 'a URL no client receives'],
  ])('accepts %#: %s', (code) => {
    expect(tls(code)).toEqual([]);
  });

  it('reports a cluster once, at its construction, with the cluster-wide option; nodes may be mapped from host:port strings', () => {
    const mapped = [
      "import { Cluster } from 'ioredis';",
      "const ENDPOINTS = ['a.cache.amazonaws.com:6379', 'b.cache.amazonaws.com:6379'];",
      "const nodes = ENDPOINTS.map((endpoint) => { const [host, port] = endpoint.split(':'); return { host, port: Number(port) }; });",
      'new Cluster(nodes);',
    ].join('\n');
    expect(tls(mapped)).toEqual([{ messageId: 'plaintextHost', text: 'new Cluster(nodes)', suggestion: undefined }]);
    const rootNodes = "import { createCluster } from 'redis';\ncreateCluster({ rootNodes: [{ url: 'a.cache.amazonaws.com:6379' }, { url: 'b.cache.amazonaws.com:6379' }] });";
    expect(analyzeText('app.ts', rootNodes, { rules: { 'require-tls': 'error' } }).filter((finding) => finding.ruleId === 'require-tls').map((finding) => finding.message)).toEqual([
      'This client connects to a.cache.amazonaws.com without TLS, so the password, the commands and the data cross the network in plaintext; turn on the defaults.socket.tls: true option.',
    ]);
  });

  it('reports a host kept in a constant at the client that connects to it', () => {
    expect(tls("import Redis from 'ioredis';\nconst HOST = 'cache.example.com';\nnew Redis({ host: HOST });")).toEqual([
      { messageId: 'plaintextHost', text: 'new Redis({ host: HOST })', suggestion: undefined },
    ]);
  });

  it.each([
    ["import { Cluster } from 'ioredis';\nconst E = ['a.cache.amazonaws.com:6379'];\nnew Cluster(E.map((e) => ({ host: e.split(':')[0], port: 6379, tls: {} })));", 'a mapper that sets tls'],
    ["import { Cluster } from 'ioredis';\nconst E = ['redis-1:7000', '127.0.0.1:7001'];\nnew Cluster(E.map((e) => ({ host: e.split(':')[0], port: 7000 })));", 'service names and loopback'],
    ["import { Cluster } from 'ioredis';\nnew Cluster([{ host: 'a.cache.amazonaws.com', port: 6379, tls: {} }]);", 'a node with its own tls'],
    ["import { createCluster } from 'redis';\ncreateCluster({ rootNodes: [{ url: 'a.cache.amazonaws.com:6379' }], defaults: { socket: { tls: true } } });", 'defaults.socket.tls'],
  ])('accepts cluster %#: %s', (code) => {
    expect(tls(code)).toEqual([]);
  });

  it('lets allowHosts accept a trusted suffix', () => {
    const code = "import Redis from 'ioredis';\nnew Redis('redis://cache.corp.example.com');";
    expect(analyzeText('app.ts', code, { rules: { 'require-tls': ['error', { allowHosts: ['*.corp.example.com'] }] } }).filter((f) => f.ruleId === 'require-tls')).toEqual([]);
  });
});
