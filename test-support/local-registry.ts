import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port.js';

/** The Verdaccio the release rehearsal runs (`.ci/run` installs this version under CI=true). */
export const VERDACCIO_VERSION = '6.8.0';

/** Verdaccio's version, or why it cannot run here. Under CI=true it must be installed. */
export function findVerdaccio(): { version: string } | { missing: string } {
  const found = spawnSync('verdaccio', ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (found.status === 0) return { version: found.stdout.trim() };
  if (process.env.CI === 'true') throw new Error(`verdaccio is required when CI=true (npm install -g verdaccio@${VERDACCIO_VERSION})`);
  return { missing: `verdaccio not found on PATH (npm install -g verdaccio@${VERDACCIO_VERSION})` };
}

export interface LocalRegistry {
  url: string;
  /** An npmrc that points npm at the registry and holds a token that may publish. */
  npmrc: string;
  stop(): Promise<void>;
}

/**
 * Verdaccio on 127.0.0.1, storing in `dir`: redis-lint's own packages are published to it and never
 * looked up elsewhere (a namesake on npmjs must not leak in); everything else is proxied to the npm
 * registry. Stopped by `stop()`, or after `lifetimeMs` at the latest.
 */
export async function startLocalRegistry(dir: string, ownPackages: readonly string[], lifetimeMs: number): Promise<LocalRegistry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const own = ownPackages.map((name) => `  '${name}':\n    access: $all\n    publish: $authenticated\n`).join('');
  const config = path.join(dir, 'config.yaml');
  fs.writeFileSync(
    config,
    `storage: ${path.join(dir, 'storage')}\nauth:\n  htpasswd:\n    file: ${path.join(dir, 'htpasswd')}\nuplinks:\n  npmjs:\n    url: https://registry.npmjs.org/\n    timeout: 60s\npackages:\n${own}  '**':\n    access: $all\n    proxy: npmjs\nlog: { type: stdout, format: pretty, level: warn }\n`,
  );
  const child = spawn('verdaccio', ['--config', config, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = setTimeout(() => child.kill('SIGKILL'), lifetimeMs);
  const stop = async (): Promise<void> => {
    clearTimeout(deadline);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(forced);
    }
  };
  try {
    await waitForPing(url, () => output, exited);
    // An account, as `npm adduser` makes one: publishing needs a token.
    const response = await fetch(`${url}-/user/org.couchdb.user:rehearsal`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rehearsal', password: 'rehearsal-password' }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (!token) throw new Error(`verdaccio created no user (${response.status})`);
    const npmrc = path.join(dir, 'npmrc');
    fs.writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\nupdate-notifier=false\nfund=false\naudit=false\n`);
    return { url, npmrc, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForPing(url: string, output: () => string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const started = Date.now();
  while (Date.now() - started < 30_000) {
    if (gone) throw new Error(`verdaccio exited:\n${output()}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`verdaccio did not answer within 30 s:\n${output()}`);
}
