import { describe, expect, it } from 'vitest';
import type { Finding } from '@redis-lint/analyzer';
import { applySuppressions, LineIndex, scanComments } from '@redis-lint/analyzer';
import { removeDir, runCli, tempProject } from './cli-process.js';

/** A finding of `ruleId` at the first occurrence of `marker` in `text`. */
function findingAt(text: string, marker: string, ruleId = 'no-keys-command'): Finding {
  const start = text.indexOf(marker);
  if (start === -1) throw new Error(`marker ${marker} not found`);
  return { ruleId, messageId: 'm', message: 'm', severity: 'error', file: 'a.ts', start, end: start + marker.length };
}

function suppress(text: string, findings: Finding[], reportUnused = false) {
  return applySuppressions('a.ts', text, findings, reportUnused, new LineIndex(text));
}

describe('suppression comments', () => {
  it('redis-lint-disable-next-line <id> -- reason suppresses that rule on the next line only', () => {
    const text = "// redis-lint-disable-next-line no-keys-command -- admin script\nA;\nB;\n";
    const { kept } = suppress(text, [findingAt(text, 'A'), findingAt(text, 'B'), findingAt(text, 'A', 'no-unbounded-reads')]);
    expect(kept.map((finding) => `${finding.ruleId}@${text[finding.start]}`)).toEqual(['no-keys-command@B', 'no-unbounded-reads@A']);
  });

  it('block comments, several ids, and disable-line', () => {
    const text = '/* redis-lint-disable-next-line no-unbounded-reads, no-keys-command */\nA;\nB; // redis-lint-disable-line\nC;\n';
    const { kept } = suppress(text, [findingAt(text, 'A'), findingAt(text, 'A', 'no-unbounded-reads'), findingAt(text, 'B'), findingAt(text, 'C')]);
    expect(kept.map((finding) => text[finding.start])).toEqual(['C']);
  });

  it('redis-lint-disable … redis-lint-enable blocks, per rule and for all rules', () => {
    const text = 'A;\n// redis-lint-disable no-keys-command\nB;\n// redis-lint-enable no-keys-command\nC;\n/* redis-lint-disable */\nD;\n';
    const findings = ['A', 'B', 'C', 'D'].flatMap((marker) => [findingAt(text, marker), findingAt(text, marker, 'require-ttl')]);
    expect(suppress(text, findings).kept.map((finding) => `${finding.ruleId}@${text[finding.start]}`)).toEqual([
      'no-keys-command@A', 'require-ttl@A', 'require-ttl@B', 'no-keys-command@C', 'require-ttl@C',
    ]);
  });

  it('eslint-disable forms with @redis-lint/<id>, and a bare eslint-disable-next-line; other plugins’ rules are ignored', () => {
    const text = [
      '// eslint-disable-next-line @redis-lint/no-keys-command',
      'A;',
      '// eslint-disable-next-line no-console',
      'B;',
      '// eslint-disable-next-line',
      'C;',
      '/* eslint-disable @redis-lint/require-ttl */',
      'D;',
      '/* eslint-enable @redis-lint/require-ttl */',
      'E;',
      '',
    ].join('\n');
    const findings = [findingAt(text, 'A;'), findingAt(text, 'B;'), findingAt(text, 'C;'), findingAt(text, 'D;', 'require-ttl'), findingAt(text, 'E;', 'require-ttl')];
    expect(suppress(text, findings).kept.map((finding) => text[finding.start])).toEqual(['B', 'E']);
  });

  it('reports unused redis-lint directives (and eslint ones naming our rules) only when asked', () => {
    const text = [
      '// redis-lint-disable-next-line no-keys-command, require-ttl -- only one is used',
      'A;',
      '// redis-lint-disable-next-line',
      'B;',
      '// eslint-disable-next-line @redis-lint/no-crossslot',
      'C;',
      '// eslint-disable-next-line',
      'D;',
      '',
    ].join('\n');
    const findings = [findingAt(text, 'A;')];
    expect(suppress(text, findings).unused).toEqual([]);
    const { kept, unused } = suppress(text, findings, true);
    expect(kept).toEqual([]);
    expect(unused.map((finding) => [new LineIndex(text).lineOf(finding.start), finding.ruleId, finding.severity, finding.message])).toEqual([
      [1, 'unused-disable-directive', 'error', 'Unused redis-lint-disable-next-line directive (no problems were reported from "require-ttl").'],
      [3, 'unused-disable-directive', 'error', 'Unused redis-lint-disable-next-line directive (no problems were reported).'],
      [5, 'unused-disable-directive', 'error', 'Unused eslint-disable-next-line directive (no problems were reported from "no-crossslot").'],
    ]);
  });

  it('does not take // inside strings, templates or regular expressions for comments', () => {
    const text = "const a = 'http://x // redis-lint-disable-line';\nconst b = `${a} // redis-lint-disable-line ${`//`}`;\nconst c = /\\/\\/ redis-lint-disable-line/; // real\n";
    expect(scanComments(text).map((comment) => comment.body)).toEqual([' real']);
  });
});

describe('suppressions end to end', () => {
  it('the CLI honours them and --report-unused-disable-directives reports leftovers', () => {
    const dir = tempProject({
      'src/a.ts': [
        "import Redis from 'ioredis';",
        'const redis = new Redis({ commandTimeout: 1000 });',
        '// redis-lint-disable-next-line no-keys-command -- one-off migration',
        "export const a = () => redis.keys('a:*');",
        "// eslint-disable-next-line @redis-lint/no-keys-command",
        "export const b = () => redis.keys('b:*');",
        '// redis-lint-disable-next-line no-keys-command',
        'export const c = 1;',
        '',
      ].join('\n'),
    });
    try {
      const plain = runCli(['--no-type-check', '--format', 'json'], dir);
      expect(plain.status).toBe(0);
      expect(JSON.parse(plain.stdout).files[0].findings).toEqual([]);
      const strict = runCli(['--no-type-check', '--format', 'github', '--report-unused-disable-directives'], dir);
      expect(strict.status).toBe(1);
      expect(strict.stdout).toBe(
        '::error file=src/a.ts,line=7,col=1,endLine=7,endColumn=48,title=unused-disable-directive::Unused redis-lint-disable-next-line directive (no problems were reported from "no-keys-command").\n',
      );
    } finally {
      removeDir(dir);
    }
  });
});
