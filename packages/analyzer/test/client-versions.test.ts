import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientVersionReader } from '@redis-lint/analyzer/node';
import os from 'node:os';

function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-lint-versions-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function removeDir(dir: string): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

const manifest = (name: string, version: string) => JSON.stringify({ name, version });

describe('ClientVersionReader', () => {
  let dir = '';
  afterEach(() => removeDir(dir));

  it('reads installed versions from the nearest node_modules, @redis/client 1.x as node-redis 4', () => {
    dir = tempProject({
      'package.json': JSON.stringify({ dependencies: { ioredis: '^5.0.0', '@redis/client': '^1.5.0' } }),
      'node_modules/ioredis/package.json': manifest('ioredis', '5.11.1'),
      'node_modules/@redis/client/package.json': manifest('@redis/client', '1.6.0'),
      'node_modules/@upstash/redis/package.json': manifest('@upstash/redis', '1.39.0'),
      'src/a.ts': '',
    });
    expect(new ClientVersionReader().forFile(path.join(dir, 'src/a.ts'))).toEqual({ ioredis: '5.11.1', redis: '4.6.0', upstash: '1.39.0' });
  });

  it('prefers the project’s own range when the install found is another major (hoisted from elsewhere), and falls back to the range', () => {
    dir = tempProject({
      'node_modules/redis/package.json': manifest('redis', '5.12.1'),
      'node_modules/ioredis/package.json': manifest('ioredis', '5.11.1'),
      'apps/legacy/package.json': JSON.stringify({ dependencies: { redis: '~4.7', ioredis: '^5.4.0', '@upstash/redis': '>=1.30.1 <2' } }),
      'apps/legacy/src/a.ts': '',
    });
    expect(new ClientVersionReader().forFile(path.join(dir, 'apps/legacy/src/a.ts'))).toEqual({ ioredis: '5.11.1', redis: '4.7.0', upstash: '1.30.1' });
  });

  it('is empty for a project without Redis clients', () => {
    dir = tempProject({ 'package.json': '{}', 'a.ts': '' });
    fs.mkdirSync(path.join(dir, 'node_modules'));
    expect(new ClientVersionReader().forFile(path.join(dir, 'a.ts'))).toEqual({});
  });
});
