import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Why TLS tests cannot run here (no `openssl`), or undefined when they can. Under CI=true they must run. */
export function opensslMissing(): string | undefined {
  if (spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0) return undefined;
  if (process.env.CI === 'true') throw new Error('openssl is required when CI=true (install the Debian package openssl)');
  return 'openssl not found on PATH (install the Debian package openssl)';
}

export interface TestCertificates {
  /** The CA that signed the server certificate (for `NODE_EXTRA_CA_CERTS`, `--tls-ca-cert-file`). */
  ca: string;
  cert: string;
  key: string;
}

/** A throw-away CA and a server certificate for 127.0.0.1 and localhost, valid for two days, written into `dir`. */
export function makeTestCertificates(dir: string): TestCertificates {
  const file = (name: string): string => join(dir, name);
  const run = (...args: string[]): void => {
    const result = spawnSync('openssl', args, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed:\n${result.stderr}`);
  };
  writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run('req', '-x509', '-new', '-nodes', '-newkey', 'rsa:2048', '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2', '-subj', '/CN=redis-lint test CA');
  run('req', '-new', '-nodes', '-newkey', 'rsa:2048', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost');
  run('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.crt'), '-days', '2', '-extfile', file('san.ext'));
  return { ca: file('ca.crt'), cert: file('server.crt'), key: file('server.key') };
}
