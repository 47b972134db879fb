import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '@redis-lint/analyzer';
import {
  codeActionsForDiagnostic,
  diagnosticKey,
  disableNextLineEdit,
  findingToDiagnostic,
  fixAllAction,
  fixAllEdits,
  normalizeSettings,
  parseProjectConfig,
  type DiagnosticData,
} from '@redis-lint/language-server';

const TEXT = "const a = 1;\n  await redis.set('k', v);\n  await redis.expire('k', 60);\n";
const setStart = TEXT.indexOf('redis.set');
const setEnd = TEXT.indexOf(';', setStart);

const finding: Finding = {
  ruleId: 'require-ttl',
  messageId: 'missingTtl',
  message: 'SET without a TTL.',
  severity: 'warn',
  file: '/p/a.ts',
  start: setStart,
  end: setEnd,
  fix: { message: 'Set the TTL on the write.', edits: [{ start: setEnd - 1, end: setEnd - 1, text: ", 'EX', 60" }] },
  suggestions: [{ messageId: 'addTtl', message: 'Add EX 3600.', edits: [{ start: setEnd - 1, end: setEnd - 1, text: ", 'EX', 3600" }] }],
};

const document = TextDocument.create('file:///p/a.ts', 'typescript', 7, TEXT);

describe('findingToDiagnostic', () => {
  it('maps offsets to positions, severity, code, docs link, source, and carries the payload in data', () => {
    expect(findingToDiagnostic(finding, document, 7)).toEqual({
      range: { start: { line: 1, character: 8 }, end: { line: 1, character: 25 } },
      severity: 2,
      code: 'require-ttl',
      codeDescription: { href: 'https://github.com/redis-lint/redis-lint/blob/main/docs/rules/require-ttl.md' },
      source: 'redis-lint',
      message: 'SET without a TTL.',
      data: { ruleId: 'require-ttl', version: 7, start: setStart, end: setEnd, fix: finding.fix, suggestions: finding.suggestions },
    });
  });

  it('keys a diagnostic by rule, exact range and message', () => {
    expect(diagnosticKey(findingToDiagnostic(finding, document, 7))).toBe('require-ttl@1:8-1:25#SET without a TTL.');
  });
});

describe('codeActionsForDiagnostic', () => {
  const diagnostic = findingToDiagnostic(finding, document, 7);
  const data = diagnostic.data as DiagnosticData;

  it('orders preferred fix, suggestions, disable for this line, documentation; edits versioned', () => {
    const actions = codeActionsForDiagnostic(diagnostic, data, document, { documentChanges: true });
    expect(actions.map((action) => [action.title, action.isPreferred === true])).toEqual([
      ['Set the TTL on the write (require-ttl)', true],
      ['Add EX 3600 (require-ttl)', false],
      ['Disable require-ttl for this line', false],
      ['Show documentation for require-ttl', false],
    ]);
    expect(actions[0]!.edit).toEqual({
      documentChanges: [{ textDocument: { uri: 'file:///p/a.ts', version: 7 }, edits: [{ range: { start: { line: 1, character: 24 }, end: { line: 1, character: 24 } }, newText: ", 'EX', 60" }] }],
    });
    expect(actions[2]!.edit).toEqual({
      documentChanges: [{ textDocument: { uri: 'file:///p/a.ts', version: 7 }, edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '  // redis-lint-disable-next-line require-ttl\n' }] }],
    });
  });

  it('uses plain `changes` for clients without documentChanges', () => {
    const [fix] = codeActionsForDiagnostic(diagnostic, data, document, { documentChanges: false });
    expect(fix!.edit).toEqual({ changes: { 'file:///p/a.ts': [{ range: { start: { line: 1, character: 24 }, end: { line: 1, character: 24 } }, newText: ", 'EX', 60" }] } });
  });

  it('keeps only the documentation action once the document moved past the analyzed version', () => {
    const newer = TextDocument.create('file:///p/a.ts', 'typescript', 8, TEXT);
    expect(codeActionsForDiagnostic(diagnostic, data, newer, { documentChanges: true }).map((action) => action.title)).toEqual(['Show documentation for require-ttl']);
  });
});

describe('fix all', () => {
  it('takes every fix, skipping one that overlaps an earlier fix', () => {
    const fix = (start: number, end: number, text: string): Pick<Finding, 'fix'> => ({ fix: { message: text, edits: [{ start, end, text }] } });
    expect(fixAllEdits([fix(10, 12, 'b'), fix(0, 3, 'a'), fix(11, 14, 'overlap'), {}, fix(14, 14, 'c')])).toEqual([
      { start: 0, end: 3, text: 'a' },
      { start: 10, end: 12, text: 'b' },
      { start: 14, end: 14, text: 'c' },
    ]);
  });

  it('is a source.fixAll.redis-lint action, absent when nothing is fixable or the version moved', () => {
    expect(fixAllAction([finding], document, 7, { documentChanges: true })?.kind).toBe('source.fixAll.redis-lint');
    expect(fixAllAction([{}], document, 7, { documentChanges: true })).toBeUndefined();
    expect(fixAllAction([finding], document, 6, { documentChanges: true })).toBeUndefined();
  });
});

describe('disable for this line', () => {
  const at = (text: string, marker: string): Pick<Finding, 'ruleId' | 'start'> => ({ ruleId: 'no-keys-command', start: text.indexOf(marker) });

  it('inserts a directive above with the line indent and EOL, or extends one already there', () => {
    expect(disableNextLineEdit('a();\r\n    redis.keys("*");\r\n', at('a();\r\n    redis.keys("*");\r\n', 'redis.keys'))).toEqual({
      start: 6,
      end: 6,
      text: '    // redis-lint-disable-next-line no-keys-command\r\n',
    });
    const text = '  // redis-lint-disable-next-line require-ttl -- legacy\n  redis.keys("*");\n';
    const edit = disableNextLineEdit(text, at(text, 'redis.keys'));
    expect(text.slice(0, edit.start) + edit.text + text.slice(edit.end)).toBe('  // redis-lint-disable-next-line require-ttl, no-keys-command -- legacy\n  redis.keys("*");\n');
  });
});

describe('settings and config file', () => {
  it('keeps defaults for missing or mistyped fields', () => {
    expect(normalizeSettings({ enable: 'yes', rules: { 'no-keys-command': 'warn' }, cluster: true })).toEqual({
      enable: true,
      rules: { 'no-keys-command': 'warn' },
      cluster: true,
      typeCheck: true,
    });
    expect(normalizeSettings(null)).toEqual({ enable: true, rules: {}, cluster: false, typeCheck: true });
  });

  it('reads extends, rules and cluster from redis-lint.config.json and explains a broken one', () => {
    expect(parseProjectConfig('/p/redis-lint.config.json', '{"extends":["strict"],"rules":{"require-ttl":["warn",{"defaultTtl":60}]},"cluster":true,"$schema":"x"}')).toEqual({
      path: '/p/redis-lint.config.json',
      config: { extends: ['strict'], rules: { 'require-ttl': ['warn', { defaultTtl: 60 }] }, cluster: true },
    });
    expect(parseProjectConfig('/p/redis-lint.config.json', '[1]').error).toBe('/p/redis-lint.config.json must hold a JSON object.');
  });
});
