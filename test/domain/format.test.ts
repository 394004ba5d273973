import { describe, expect, it } from 'vitest';
import { formatCount, formatIsoDate, parseCount } from '../../src/app/i18n/format';

describe('counts typed in vi-VN form', () => {
  it.each([
    ['1.234', 1234],
    ['1234', 1234],
    ['1 234', 1234],
    ['  42 ', 42],
    ['1.234.567', 1234567],
    ['-5', -5],
    ['2,5', 2.5],
    ['0', 0],
  ])('reads %s as %d', (text, value) => {
    expect(parseCount(text)).toEqual({ ok: true, value });
  });

  it('reads an empty field as "not filled in"', () => {
    expect(parseCount('')).toEqual({ ok: true, value: null });
    expect(parseCount('   ')).toEqual({ ok: true, value: null });
  });

  it.each(['12a', '1.23', '1,2,3', 'mười', '1.2345', '--1', '1e5'])('refuses %s so the officer can correct it', (text) => {
    expect(parseCount(text)).toEqual({ ok: false });
  });

  it('writes counts and dates the Vietnamese way', () => {
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(null)).toBe('');
    expect(formatIsoDate('2024-03-08')).toBe('08/03/2024');
  });
});
