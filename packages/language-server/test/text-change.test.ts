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
