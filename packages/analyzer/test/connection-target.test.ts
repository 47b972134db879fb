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

  it('lets allowHosts accept a trusted suffix', () => {
    const code = "import Redis from 'ioredis';\nnew Redis('redis://cache.corp.example.com');";
    expect(analyzeText('app.ts', code, { rules: { 'require-tls': ['error', { allowHosts: ['*.corp.example.com'] }] } }).filter((f) => f.ruleId === 'require-tls')).toEqual([]);
  });
});
