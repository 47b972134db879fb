import { describe, expect, it } from 'vitest';
import { fill, messageData } from '../src/message-data.js';

describe('messageData', () => {
  it('recovers the data that fills a template', () => {
    expect(messageData('KEYS{{where}} blocks; use {{scan}}.', 'KEYS in GET /x blocks; use scanStream().')).toEqual({ where: ' in GET /x', scan: 'scanStream()' });
  });

  it('recovers empty values and messages without placeholders', () => {
    expect(messageData('KEYS{{where}} blocks.', 'KEYS blocks.')).toEqual({ where: '' });
    expect(messageData('No placeholders.', 'No placeholders.')).toEqual({});
  });

  it('honours a placeholder used twice and spaces inside braces', () => {
    expect(messageData('{{ key }} and {{key}} ({{n}})', 'a:b and a:b (3)')).toEqual({ key: 'a:b', n: '3' });
  });

  it('keeps regular-expression characters literal', () => {
    expect(messageData('(x+y)* {{a}} [z]?', '(x+y)* $1 [z]?')).toEqual({ a: '$1' });
  });

  it('is undefined when the message does not come from the template', () => {
    expect(messageData('KEYS{{where}} blocks.', 'SCAN is fine.')).toBeUndefined();
    expect(messageData('{{a}} and {{a}}', 'x and y')).toBeUndefined();
  });

  it('fills like ESLint: unknown placeholders stay', () => {
    expect(fill('{{a}} {{ b }} {{c}}', { a: '1', b: '{{a}}' })).toBe('1 {{a}} {{c}}');
  });
});
