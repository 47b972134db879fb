import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export { freePort };

/** Why a test that needs `redis-server` cannot run here, or undefined when it can. Under CI=true it must run. */
export function redisServerMissing(): string | undefined {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return undefined;
  if (process.env.CI === 'true') throw new Error('redis-server is required when CI=true (install the Debian package redis-server)');
  return 'redis-server not found on PATH (install the Debian package redis-server)';
}

export interface RunningRedis {
  port: number;
  stop(): Promise<void>;
}

/** Starts a throw-away cluster-enabled `redis-server` on 127.0.0.1, persistence off. */
export function startClusterNode(): Promise<RunningRedis> {
  return startRedisServer({ cluster: true });
}

export interface RedisServerOptions {
  cluster?: boolean;
  /** More `redis-server` arguments (`--requirepass`, `--user` ACL lines…). */
  args?: readonly string[];
  /** The server is killed after this long whatever happens to the test (default 600). */
  lifetimeSeconds?: number;
}

/** Starts a throw-away `redis-server` on 127.0.0.1 and a free port, persistence off; `stop()` ends it. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'redis-lint-redis-'));
  const port = await freePort();
  const cluster = options.cluster ? ['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf')] : [];
  const server = ['redis-server', '--port', String(port), '--bind', '127.0.0.1', ...cluster, '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', ...(options.args ?? [])];
  // coreutils `timeout` ends the server even when the test process dies before `stop()`; it passes SIGTERM on.
  const child: ChildProcess = spawn('timeout', ['--kill-after=5', String(options.lifetimeSeconds ?? 600), ...server], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    const check = setInterval(() => {
      if (output.includes('Ready to accept connections')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 25);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return {
    port,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RunningCluster {
  nodes: RunningRedis[];
  /** The first slot of each node's range, in node order: node i owns `[starts[i], starts[i + 1])`. */
  starts: number[];
  stop(): Promise<void>;
}

/**
 * Starts `size` cluster-enabled servers on loopback, joins them with CLUSTER MEET and splits the
 * 16,384 slots evenly between them (masters only), waiting until every node says `cluster_state:ok`.
 * `command` sends one command to a node (any client: this file does not depend on one).
 */
export async function startCluster(size: number, command: (port: number, ...args: string[]) => Promise<unknown>): Promise<RunningCluster> {
  const nodes: RunningRedis[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    for (let index = 0; index < size; index++) nodes.push(await startClusterNode());
    const starts = nodes.map((_, index) => Math.floor((16384 * index) / size));
    for (const [index, node] of nodes.entries()) {
      const end = (starts[index + 1] ?? 16384) - 1;
      await command(node.port, 'CLUSTER', 'ADDSLOTSRANGE', String(starts[index]), String(end));
      if (index > 0) await command(node.port, 'CLUSTER', 'MEET', '127.0.0.1', String(nodes[0]!.port));
    }
    for (let attempt = 0; ; attempt++) {
      const states = await Promise.all(nodes.map((node) => command(node.port, 'CLUSTER', 'INFO')));
      const known = await Promise.all(nodes.map((node) => command(node.port, 'CLUSTER', 'NODES')));
      if (states.every((info) => String(info).includes('cluster_state:ok')) && known.every((list) => String(list).trim().split('\n').length === size)) break;
      if (attempt >= 200) throw new Error(`the ${size}-node cluster did not reach cluster_state:ok`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { nodes, starts, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
