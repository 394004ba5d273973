import { describe, expect, it } from 'vitest';
import { daysLate, daysLeft, daysUntil, duePeriod, isDateInPeriod, periodDateRange, periodKey, previousPeriod } from '../../src/domain/period';

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
    expect(duePeriod('2026-03-15T03:00:00Z', [])).toEqual({ year: 2025, kind: 'yearly' });
    expect(duePeriod('2026-12-01T03:00:00Z', [{ year: 2025, kind: 'yearly' }])).toEqual({ year: 2026, kind: 'yearly' });
    expect(duePeriod('2026-12-01T03:00:00Z', [{ year: 2025, kind: 'interim' }])).toEqual({ year: 2025, kind: 'yearly' });
  });
  it('stays within the years the app accepts', () => {
    expect(duePeriod('2021-02-01T03:00:00Z', [])).toEqual({ year: 2021, kind: 'yearly' });
    expect(duePeriod('2040-02-01T03:00:00Z', [])).toEqual({ year: 2035, kind: 'yearly' });
  });
  it("takes the year in Vietnam, whatever the device's clock zone", () => {
    // 1 January 2027, 01:00 in Vietnam; still 31 December 2026 in UTC and New York.
    expect(duePeriod(new Date('2026-12-31T18:00:00Z'), [])).toEqual({ year: 2026, kind: 'yearly' });
    expect(duePeriod(new Date('2026-12-31T16:59:00Z'), [])).toEqual({ year: 2025, kind: 'yearly' });
  });
});

describe('days to and past a deadline, in Vietnam', () => {
  it('counts from the day in Vietnam at the moment, not the day where the device is', () => {
    // 05:31 on 7 December 2026 in Vietnam: 22:31 on the 6th in UTC, 17:31 on the 6th in New York.
    const morning = '2026-12-06T22:31:00Z';
    expect(daysLeft('2026-11-30', morning)).toBe(-7);
    expect(daysLeft('2026-12-07', morning)).toBe(0);
    expect(daysLeft('2026-12-10', new Date(morning))).toBe(3);
  });

  it('says a report sent this morning was as many days late as one not sent yet is overdue', () => {
    const morning = '2026-12-06T22:31:00Z';
    expect(daysLate('2026-11-30', morning)).toBe(7);
    expect(daysLate('2026-11-30', morning)).toBe(-daysLeft('2026-11-30', Date.parse(morning)));
    // 23:59 on the deadline in Vietnam is on time; a minute past midnight there is one day late.
    expect(daysLate('2026-11-30', '2026-11-30T16:59:00Z')).toBe(0);
    expect(daysLate('2026-11-30', '2026-11-30T17:01:00Z')).toBe(1);
  });
});
