import { describe, expect, it } from 'vitest';
import { movedRange, textChange } from '../src/text-change.js';

describe('textChange', () => {
  it.each([
    ['abcdef', 'abXYcdef', { start: 2, oldEnd: 2, newEnd: 4 }],
    ['abcdef', 'abef', { start: 2, oldEnd: 4, newEnd: 2 }],
    ['abcdef', 'abZZef', { start: 2, oldEnd: 4, newEnd: 4 }],
    ['abcdef', 'abcdef', { start: 6, oldEnd: 6, newEnd: 6 }],
    ['aaaa', 'aaaaa', { start: 4, oldEnd: 4, newEnd: 5 }],
    ['', 'x', { start: 0, oldEnd: 0, newEnd: 1 }],
  ])('%j → %j', (before, after, expected) => {
    expect(textChange(before, after)).toEqual(expected);
  });

  it('finds the smallest span in long texts, wherever the change falls among the slices it compares', () => {
    const naive = (before: string, after: string) => {
      const shorter = Math.min(before.length, after.length);
      let start = 0;
      while (start < shorter && before[start] === after[start]) start++;
      let suffix = 0;
      while (suffix < shorter - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
      return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
    };
    const text = Array.from({ length: 3000 }, (_, index) => String.fromCharCode(97 + ((index * 7) % 26))).join('');
    for (const at of [0, 1, 7, 8, 9, 63, 64, 65, 1023, 1024, 1025, 1500, 2999, 3000]) {
      for (const [removed, inserted] of [[0, 'X'], [1, ''], [1, 'XY'], [5, 'Q'], [0, text.slice(at, at + 3)]] as const) {
        const after = text.slice(0, at) + inserted + text.slice(at + removed);
        expect(textChange(text, after)).toEqual(naive(text, after));
        expect(textChange(after, text)).toEqual(naive(after, text));
      }
    }
  });

  it('answers the same pair of texts twice from the first comparison', () => {
    const before = 'x'.repeat(5000);
    const after = `${before}y`;
    expect(textChange(before, after)).toBe(textChange(before, after));
  });
});

describe('movedRange', () => {
  const insertion = textChange('0123456789', '01234XX56789');

  it('keeps ranges before the change and shifts those after it', () => {
    expect([movedRange(insertion, 1, 3), movedRange(insertion, 2, 5), movedRange(insertion, 5, 7), movedRange(insertion, 7, 9)]).toEqual([
      [1, 3],
      [2, 5],
      [7, 9],
      [9, 11],
    ]);
  });

  it('gives up on ranges the change touches, and on empty ranges at its border', () => {
    const replacement = textChange('0123456789', '0123ZZ6789');
    expect([movedRange(replacement, 3, 5), movedRange(replacement, 5, 6), movedRange(replacement, 2, 8), movedRange(insertion, 5, 5)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('keeps every range when nothing changed', () => {
    expect(movedRange(textChange('abc', 'abc'), 3, 3)).toEqual([3, 3]);
  });
});
