import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateToInput, formatCount, formatDate, formatDateTime, formatIsoDate, formatPercent, formatRate, formatTime, parseCount, parseDate } from '../../../src/app/i18n/format';

// The hand-written forms must match what Intl writes for vi-VN, which they replace on the start path.
const intlCount = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
const intlOneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

describe('vi-VN number forms', () => {
  it('writes whole counts as Intl does', () => {
    for (const value of [0, -0, 1, 999, 1000, 1001, -1000, 12_345, 999_999_999, 1e9, -1e9, 2 ** 53, 1e15, 1e21, 1e22])
      expect(formatCount(value)).toBe(intlCount.format(value));
    fc.assert(fc.property(fc.integer({ min: -2e9, max: 2e9 }), (value) => formatCount(value) === intlCount.format(value)));
    fc.assert(fc.property(fc.maxSafeInteger(), (value) => formatCount(value) === intlCount.format(value)));
  });

  it('writes counts with decimals as Intl does', () => {
    fc.assert(fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (value) => formatCount(value) === intlCount.format(value)));
  });

  it('writes one-decimal figures as Intl does', () => {
    for (const value of [0, 0.05, 0.15, 0.95, 9.95, 99.95, 999.95, 2.25, -2.25, 85.3, 100, 1000, 12_345.25, -0.04, 1e-7, 1e21])
      expect(formatPercent(value)).toBe(`${intlOneDecimal.format(value)} %`);
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => formatPercent(value) === `${intlOneDecimal.format(value)} %`));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20, noNaN: true }), (rate) => formatRate(rate) === `${intlOneDecimal.format(Math.round(rate * 1000) / 10)} %`),
    );
  });
});

describe("dates as a Vietnamese reader writes them, on Vietnam's clock", () => {
  it('shows a moment as it was in Vietnam, whatever the machine’s time zone', () => {
    // Received at 05:31 on 7 December in Vietnam: 22:31 on the 6th in UTC.
    expect(formatDateTime('2026-12-06T22:31:00.000Z')).toBe('07/12/2026 05:31');
    expect(formatDate('2026-12-06T22:31:00.000Z')).toBe('07/12/2026');
    expect(formatTime(new Date('2026-12-06T22:31:05.000Z'))).toBe('05:31:05');
    expect(formatDate('not a date')).toBe('');
  });

  it('reads a date typed day first, in the forms a phone keyboard allows', () => {
    for (const typed of ['05/12/2026', '5/12/2026', ' 05.12.2026 ', '05-12-2026', '5 12 2026', '05122026', '2026-12-05'])
      expect(parseDate(typed)).toEqual({ ok: true, value: '2026-12-05' });
    expect(parseDate('')).toEqual({ ok: true, value: '' });
    expect(parseDate('29/02/2028')).toEqual({ ok: true, value: '2028-02-29' });
  });

  it('refuses what is not a day, and a year not typed in full', () => {
    // 12/05/2026 is 12 May: never read month first, as an English-language browser's date field would.
    expect(parseDate('12/05/2026')).toEqual({ ok: true, value: '2026-05-12' });
    for (const typed of ['31/04/2026', '29/02/2026', '13/13/2026', '05/12/26', '05/12/202', '5122026', 'hôm nay', '2026-12-5'])
      expect(parseDate(typed)).toEqual({ ok: false });
  });

  it('writes a stored date back into its field as dd/mm/yyyy', () => {
    expect(dateToInput('2026-12-05')).toBe('05/12/2026');
    expect(dateToInput('')).toBe('');
    for (const iso of ['2021-01-01', '2028-02-29', '2035-12-31']) expect(parseDate(dateToInput(iso))).toEqual({ ok: true, value: iso });
  });
});

describe('dates in Vietnam time', () => {
  it('writes a moment as a clock in Vietnam shows it (UTC+7), whatever the computer’s time zone', () => {
    // 17:30 UTC on 31 December is already 00:30 on New Year's Day in Vietnam.
    expect(formatDateTime('2025-12-31T17:30:00.000Z')).toBe('01/01/2026 00:30');
    expect(formatDate('2025-12-31T17:30:00.000Z')).toBe('01/01/2026');
    expect(formatDateTime('2026-03-08T01:05:00.000Z')).toBe('08/03/2026 08:05');
    // The same in every month: Vietnam keeps no daylight saving.
    expect(formatDateTime('2026-07-15T16:59:00.000Z')).toBe('15/07/2026 23:59');
    expect(formatDateTime('not a date')).toBe('');
  });
});

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
