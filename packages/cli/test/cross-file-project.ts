/** A tiny typed project whose findings only whole-project analysis can see (issue 7). */
export const CROSS_FILE_PROJECT: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'cross-file', type: 'module', dependencies: { ioredis: '^5.4.0', express: '^5.0.0' } }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
    include: ['src'],
  }),
  'src/redis.ts': [
    "import { Cluster, Redis } from 'ioredis';",
    '',
    "export const cluster = new Cluster([{ host: '127.0.0.1', port: 7000 }], { redisOptions: { commandTimeout: 500 } });",
    "cluster.on('error', () => undefined);",
    '',
    'export const redis = new Redis({ commandTimeout: 500 });',
    "redis.on('error', () => undefined);",
    '',
  ].join('\n'),
  'src/keys.ts': ['export function userKey(id: string): string {', '  return `user:${id}`;', '}', '', 'export function ordersKey(id: string): string {', '  return `orders:${id}`;', '}', ''].join('\n'),
  'src/repo.ts': [
    "import { redis } from './redis.js';",
    '',
    'export async function loadUser(id: string): Promise<Record<string, string>> {',
    '  return redis.hgetall(`user:${id}:sessions`);',
    '}',
    '',
  ].join('\n'),
  'src/routes.ts': [
    "import express from 'express';",
    "import { loadUser } from './repo.js';",
    '',
    'const app = express();',
    '',
    "app.get('/users/:id', async (req, res) => {",
    '  res.json(await loadUser(req.params.id));',
    '});',
    '',
  ].join('\n'),
  'src/app.ts': [
    "import { cluster } from './redis.js';",
    "import { ordersKey, userKey } from './keys.js';",
    '',
    'export async function both(id: string): Promise<Array<string | null>> {',
    '  return cluster.mget(userKey(id), ordersKey(id));',
    '}',
    '',
  ].join('\n'),
};

export interface JsonReport {
  files: Array<{ file: string; findings: Array<{ ruleId: string; line: number; message: string }> }>;
  problems: Array<{ file: string; kind: string }>;
}

/** `file:line ruleId` for every finding of a JSON report (its paths are relative to the project when it is not in a git work tree). */
/**
 * `file:line rule` per finding; a read reported because its module's callers are out of sight (the
 * program holds no file that imports it) is marked, so a program without the route handler shows.
 */
export function findingLines(report: JsonReport): string[] {
  return report.files.flatMap((file) => file.findings.map((finding) => `${file.file}:${finding.line} ${finding.ruleId}${finding.message?.includes('callers out of sight') ? ' (callers out of sight)' : ''}`));
}
