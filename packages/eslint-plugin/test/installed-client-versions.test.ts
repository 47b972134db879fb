import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { installedClientVersions } from '../src/installed-client-versions.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const versionOf = (name: string): string => (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-versions-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('installedClientVersions', () => {
  it('reads the nearest node_modules above the file', () => {
    expect(installedClientVersions(path.join(root, 'fixtures/express-ioredis/src/server.ts'))).toEqual({
      ioredis: versionOf('ioredis'),
      redis: versionOf('redis'),
      upstash: versionOf('@upstash/redis'),
    });
  });

  it('prefers a nearer install, and @redis/client when `redis` is absent', () => {
    const project = path.join(scratch, 'app');
    fs.mkdirSync(path.join(project, 'node_modules/@redis/client'), { recursive: true });
    fs.writeFileSync(path.join(project, 'node_modules/@redis/client/package.json'), '{"version":"6.2.1"}');
    expect(installedClientVersions(path.join(project, 'src/index.ts'))).toEqual({ redis: '6.2.1' });
  });
});
