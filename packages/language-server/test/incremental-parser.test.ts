import { describe, expect, it } from 'vitest';
import { analyzeSourceFile, parseFile, resolveConfig, rules } from '@redis-lint/analyzer';
import { IncrementalParser } from '../src/incremental-parser.js';

const config = resolveConfig(rules, {}, 'all');
const findings = (sourceFile: Parameters<typeof analyzeSourceFile>[0]): unknown => analyzeSourceFile(sourceFile, { config });

const BASE = `import Redis from 'ioredis';

const redis = new Redis();

export async function purge(): Promise<number> {
  const keys = await redis.keys('tmp:*');
  return keys.length;
}

export async function hits(ids: string[]): Promise<void> {
  for (const id of ids) await redis.incr(\`hits:\${id}\`);
}
`;

describe('IncrementalParser', () => {
  it('gives the findings of a full parse after every kind of edit', () => {
    const edits = [
      BASE,
      `${BASE}export const later = 1;\n`,
      BASE.replace("'tmp:*'", "'temp:*'"),
      BASE.replace('  return keys.length;\n', ''),
      BASE.replace('const redis = new Redis();', 'const redis = new Redis({ commandTimeout: 1000 });'),
      BASE.replace('export async function hits', '/* unterminated comment\nexport async function hits'),
      BASE.replace('/* unterminated comment\n', ''),
      `// a first line\n${BASE}`,
      '',
      BASE,
    ];
    const parser = new IncrementalParser();
    for (const text of edits) {
      const sourceFile = parser.parse('file:///p/app.ts', '/p/app.ts', text);
      expect(sourceFile.text).toBe(text);
      expect(findings(sourceFile)).toEqual(findings(parseFile('/p/app.ts', text)));
    }
  });

  it('parses afresh when the document is renamed', () => {
    const parser = new IncrementalParser();
    parser.parse('file:///p/app.ts', '/p/app.ts', BASE);
    expect(parser.parse('file:///p/app.ts', '/p/app.tsx', BASE).fileName).toBe('/p/app.tsx');
  });
});
