import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatRate } from '../../../src/app/i18n/format';

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
