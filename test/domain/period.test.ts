import { describe, expect, it } from 'vitest';
import { daysUntil, duePeriod, isDateInPeriod, periodDateRange, periodKey, previousPeriod } from '../../src/domain/period';

describe('reporting periods', () => {
  it('covers the calendar year for a yearly report', () => {
    expect(periodDateRange({ year: 2024, kind: 'yearly' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(isDateInPeriod('2024-02-29', { year: 2024, kind: 'yearly' })).toBe(true);
    expect(isDateInPeriod('2023-12-31', { year: 2024, kind: 'yearly' })).toBe(false);
  });

  it('covers the years since the term began (2021) for the interim and final reviews', () => {
    expect(periodDateRange({ year: 2022, kind: 'interim' })).toEqual({ from: '2021-01-01', to: '2022-12-31' });
    expect(periodDateRange({ year: 2025, kind: 'final' })).toEqual({ from: '2021-01-01', to: '2025-12-31' });
  });

  it('keys one report per period and finds the previous yearly report', () => {
    expect(periodKey({ year: 2024, kind: 'interim' })).toBe('2024-interim');
    expect(previousPeriod({ year: 2024, kind: 'final' })).toEqual({ year: 2023, kind: 'yearly' });
  });

  it('counts days to a deadline, negative when overdue', () => {
    expect(daysUntil('2024-11-30', '2024-11-01')).toBe(29);
    expect(daysUntil('2024-11-30', '2024-12-02')).toBe(-2);
  });
});

describe('duePeriod', () => {
  it("proposes last year's yearly report, then this year's once last year's exists", () => {
    expect(duePeriod('2026-03-15', [])).toEqual({ year: 2025, kind: 'yearly' });
    expect(duePeriod('2026-12-01', [{ year: 2025, kind: 'yearly' }])).toEqual({ year: 2026, kind: 'yearly' });
    expect(duePeriod('2026-12-01', [{ year: 2025, kind: 'interim' }])).toEqual({ year: 2025, kind: 'yearly' });
  });
  it('stays within the years the app accepts', () => {
    expect(duePeriod('2021-02-01', [])).toEqual({ year: 2021, kind: 'yearly' });
    expect(duePeriod('2040-02-01', [])).toEqual({ year: 2035, kind: 'yearly' });
  });
});
