/**
 * Vietnam's calendar, whatever the machine's time zone: `npm run test:unit` passes under TZ=UTC and
 * TZ=America/New_York as on a machine in Vietnam.
 */
import { describe, expect, it } from 'vitest';
import { isCalendarDate, VIETNAM_TIME_ZONE, vietnamClock, vietnamDate, vietnamDayStart } from '../../src/domain/calendar';

describe("Vietnam's calendar", () => {
  it('names the day in Vietnam, not where the machine is', () => {
    // 05:31 on 7 December in Vietnam is 22:31 on the 6th in UTC and 17:31 on the 6th in New York.
    expect(vietnamDate('2026-12-06T22:31:00.000Z')).toBe('2026-12-07');
    expect(vietnamDate(new Date('2026-12-06T16:59:59.999Z'))).toBe('2026-12-06');
    expect(vietnamDate(Date.parse('2026-12-06T17:00:00Z'))).toBe('2026-12-07');
    expect(vietnamDate('2026-12-31T17:00:00Z')).toBe('2027-01-01');
    expect(vietnamClock('2026-12-06T22:31:05Z')).toEqual({ year: 2026, month: 12, day: 7, hour: 5, minute: 31, second: 5 });
  });

  it("agrees with Intl's Asia/Ho_Chi_Minh on every hour of the years the app reports on", () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    const read = (ms: number) => {
      const parts = Object.fromEntries(intl.formatToParts(ms).map((part) => [part.type, part.value]));
      return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}`;
    };
    // Every 7 hours from 2021 to 2036: each hour of the day is met, across every month end and leap day.
    for (let ms = Date.parse('2021-01-01T00:00:00Z'); ms < Date.parse('2036-01-01T00:00:00Z'); ms += 7 * 3_600_000) {
      const clock = vietnamClock(ms)!;
      expect(`${vietnamDate(ms)} ${String(clock.hour).padStart(2, '0')}`).toBe(read(ms));
    }
  });

  it('starts a day at midnight in Vietnam', () => {
    expect(vietnamDayStart('2026-01-01')).toBe('2025-12-31T17:00:00.000Z');
    expect(vietnamDate(vietnamDayStart('2026-01-01'))).toBe('2026-01-01');
  });

  it('reads no moment from text that is not one', () => {
    expect(vietnamClock('hôm qua')).toBeNull();
    expect(() => vietnamDate('hôm qua')).toThrow(RangeError);
  });

  it('knows which days exist', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-12-5')).toBe(false);
  });
});
