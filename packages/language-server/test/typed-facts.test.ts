import { describe, expect, it } from 'vitest';
import type { Finding } from '@redis-lint/analyzer';
import { TypedFacts } from '../src/typed-facts.js';

function finding(ruleId: string, start: number, end: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId, messageId: 'm', message: `${ruleId} here`, severity: 'error', file: '/p/app.ts', start, end, ...extra };
}

const TEXT = 'aaaa bbbb cccc dddd';

describe('TypedFacts', () => {
  // Typed: a finding on bbbb only types find, and none on dddd, which the untyped analysis reports.
  const typed = [finding('shared', 0, 4), finding('typed-only', 5, 9)];
  const untyped = [finding('shared', 0, 4), finding('untyped-only', 15, 19)];
  const facts = TypedFacts.of(TEXT, typed, untyped);

  it('gives back the typed findings for the same text', () => {
    expect(facts.carry(TEXT, untyped)).toEqual(typed);
  });

  it('moves what typing added and removed past an edit that does not touch it', () => {
    const edited = 'aaaa bbbb XX cccc dddd';
    const newUntyped = [finding('shared', 0, 4), finding('untyped-only', 18, 22)];
    expect(facts.carry(edited, newUntyped)).toEqual([finding('shared', 0, 4), finding('typed-only', 5, 9)]);
  });

  it('drops what typing added where the edit lands, until the typed analysis answers', () => {
    const edited = 'aaaa bXbb cccc dddd';
    expect(facts.carry(edited, untyped)).toEqual([finding('shared', 0, 4)]);
  });

  it('keeps an untyped finding where the edit lands, though typing ruled it out before', () => {
    const edited = 'aaaa bbbb cccc dXdd';
    expect(facts.carry(edited, [finding('shared', 0, 4), finding('untyped-only', 15, 19)])).toEqual([finding('shared', 0, 4), finding('typed-only', 5, 9), finding('untyped-only', 15, 19)]);
  });

  it('moves the edits of fixes and suggestions with their finding, or drops the finding when an edit is touched', () => {
    const withFix = finding('typed-only', 5, 9, { fix: { message: 'fix', edits: [{ start: 15, end: 19, text: 'x' }] } });
    const withFixFacts = TypedFacts.of(TEXT, [withFix], []);
    expect(withFixFacts.carry(`_${TEXT}`, [])).toEqual([finding('typed-only', 6, 10, { fix: { message: 'fix', edits: [{ start: 16, end: 20, text: 'x' }] } })]);
    expect(withFixFacts.carry('aaaa bbbb cccc dXdd', [])).toEqual([]);
  });
});
