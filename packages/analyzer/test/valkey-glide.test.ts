import { describe, expect, it } from 'vitest';
import { analyzeText, type Finding } from '@redis-lint/analyzer';

const STANDALONE = "import { GlideClient, TimeUnit } from '@valkey/valkey-glide';\nconst valkey = await GlideClient.createClient({ addresses: [{ host: 'localhost' }] });\n";
const CLUSTER = "import { ClusterBatch, GlideClusterClient } from '@valkey/valkey-glide';\nconst cluster = await GlideClusterClient.createClient({ addresses: [{ host: 'localhost' }] });\n";

function run(rule: string, code: string): Finding[] {
  return analyzeText('src/app.ts', code, { rules: { [rule]: 'error' } }).filter((finding) => finding.ruleId === rule);
}

function applied(code: string, finding: Finding | undefined): string {
  const edit = finding?.suggestions?.[0]?.edits[0];
  if (!edit) throw new Error('no suggestion');
  return code.slice(0, edit.start) + edit.text + code.slice(edit.end);
}

describe('@valkey/valkey-glide', () => {
  it('require-ttl suggests the expiry option with the TimeUnit the file imports, and nothing where it does not import it', () => {
    const code = `${STANDALONE}export const save = (id: string) => valkey.set(\`product:\${id}\`, 'x');\n`;
    const [finding] = run('require-ttl', code);
    expect(finding?.message).toContain('pass an expiry ({ expiry: { type: TimeUnit.Seconds, count: 3600 } }) or KEEPTTL');
    expect(applied(code, finding)).toContain("valkey.set(`product:${id}`, 'x', { expiry: { type: TimeUnit.Seconds, count: 3600 } })");
    const without = code.replace('GlideClient, TimeUnit', 'GlideClient');
    expect(run('require-ttl', without).map((found) => found.suggestions)).toEqual([undefined]);
  });

  it('require-ttl takes expiry and keepExisting as a TTL, and getex persist as none', () => {
    expect(run('require-ttl', `${STANDALONE}export const a = (id: string) => valkey.set(\`p:\${id}\`, 'x', { expiry: { type: TimeUnit.Milliseconds, count: 500 } });\n`)).toEqual([]);
    expect(run('require-ttl', `${STANDALONE}export const a = (id: string) => valkey.set(\`p:\${id}\`, 'x', { expiry: 'keepExisting' });\n`)).toEqual([]);
    const stream = `${STANDALONE}export const log = (user: string) => valkey.xadd('events', [['user', user]], { makeStream: true });\n`;
    const expire = "export const keep = () => valkey.getex('events', { expiry: { type: TimeUnit.Seconds, count: 60 } });\n";
    expect(run('require-stream-maxlen', stream + expire)).toEqual([]);
    expect(run('require-stream-maxlen', stream + expire.replace("{ type: TimeUnit.Seconds, count: 60 }", "'persist'")).length).toBe(1);
  });

  it('require-lock-ttl reads conditionalSet and adds the expiry to its options', () => {
    const code = `${STANDALONE}export const take = (token: string) => valkey.set('lock:job', token, { conditionalSet: 'onlyIfDoesNotExist' });\n`;
    const [finding] = run('require-lock-ttl', code);
    expect(applied(code, finding)).toContain("{ conditionalSet: 'onlyIfDoesNotExist', expiry: { type: TimeUnit.Milliseconds, count: 30000 } }");
  });

  it('require-stream-maxlen appends GLIDE trim options', () => {
    const code = `${STANDALONE}export const log = (user: string) => valkey.xadd('events', [['user', user]]);\n`;
    const [finding] = run('require-stream-maxlen', code);
    expect(finding?.message).toContain("cap it with { trim: { method: 'maxlen', threshold: 10000, exact: false } }");
    expect(applied(code, finding)).toContain("valkey.xadd('events', [['user', user]], { trim: { method: 'maxlen', threshold: 10000, exact: false } })");
    expect(run('require-stream-maxlen', `${STANDALONE}export const log = (user: string) => valkey.xadd('events', [['user', user]], { trim: { method: 'minid', threshold: '0-1', exact: true } });\n`)).toEqual([]);
  });

  it('require-timeouts and require-error-listener leave GLIDE clients alone', () => {
    expect(run('require-timeouts', STANDALONE)).toEqual([]);
    expect(run('require-error-listener', STANDALONE)).toEqual([]);
  });

  it('no-keys-command finds KEYS sent through customCommand and names GLIDE scan', () => {
    const [finding] = run('no-keys-command', `${STANDALONE}export const all = () => valkey.customCommand(['KEYS', 'user:*']);\n`);
    expect(finding?.message).toContain("iterate with SCAN (scan('0', { match }) until the cursor is '0')");
    expect(finding?.suggestions).toBeUndefined();
  });

  it('no-crossslot: split commands and non-atomic batches pass on a cluster client, an atomic ClusterBatch and RENAME do not', () => {
    const code = [
      CLUSTER,
      "export const read = () => cluster.mget(['a:1', 'b:2']);",
      "export const drop = () => cluster.unlink(['a:1', 'b:2']);",
      "export const warm = () => cluster.exec(new ClusterBatch(false).get('a:1').get('b:2'), true);",
      "export const move = () => cluster.rename('a:1', 'b:2');",
      'export const both = () => cluster.exec(',
      "  new ClusterBatch(true).set('a:1', 'x').set('b:2', 'y'),",
      '  true,',
      ');',
      '',
    ].join('\n');
    const findings = run('no-crossslot', code);
    expect(findings.map((finding) => [code.slice(0, finding.start).split('\n').length, finding.message.split(', which')[0]])).toEqual([
      [7, 'RENAME on a cluster client touches "a:1" and "b:2"'],
      [9, 'This atomic ClusterBatch on a cluster client touches "a:1" and "b:2"'],
    ]);
  });

  it('no-hardcoded-credentials and require-tls read credentials, addresses and useTLS', () => {
    const code = "import { GlideClient } from '@valkey/valkey-glide';\nexport const c = await GlideClient.createClient({\n  addresses: [{ host: 'db.example.com' }],\n  credentials: { password: 's3cr3t-Value' },\n});\n";
    const [secret] = run('no-hardcoded-credentials', code);
    expect(secret?.message).not.toContain('s3cr3t');
    expect(applied(code, secret)).toContain('credentials: { password: process.env.REDIS_PASSWORD! }');
    const [plain] = run('require-tls', code);
    expect(plain?.message).toBe('This client connects to db.example.com without TLS, so the password, the commands and the data cross the network in plaintext; turn on the useTLS: true option.');
    expect(run('require-tls', code.replace("addresses:", 'useTLS: true,\n  addresses:'))).toEqual([]);
  });
});
