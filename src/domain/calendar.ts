/**
 * Vietnam's calendar. Every date the app shows or counts with (today, the days left to a deadline or
 * past it, the day a report was received, the date in a file's name) is the day in Vietnam
 * (Asia/Ho_Chi_Minh), wherever the device's or the server's clock is set: a phone left on UTC, a
 * laptop bought abroad, a server in a data centre. Two screens reading the same moment therefore
 * always name the same day.
 *
 * Vietnam keeps UTC+7 all year (no daylight saving since 1975), so its wall clock is the instant plus
 * seven hours read with the UTC getters: no dependence on the browser's time-zone data, and no Intl
 * formatter to build on a slow phone's cold start (see src/app/i18n/format.ts). A unit test holds
 * this against Intl's Asia/Ho_Chi_Minh.
 *
 * Calendar logic takes the instant (a Date, an ISO timestamp or milliseconds) and asks here for the
 * day; it never reads `toISOString().slice(0, 10)` (the day in UTC) or the local getters (the day
 * wherever the machine thinks it is).
 */

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/** A moment: a Date, an ISO timestamp (`2026-12-06T22:31:00.000Z`) or milliseconds since 1970. */
export type Instant = Date | string | number;

/** The wall clock in Vietnam at a moment. */
export interface VietnamClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function millisecondsOf(instant: Instant): number {
  return instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
}

/** Vietnam's wall clock at `instant`; null when it is not a readable moment. */
export function vietnamClock(instant: Instant): VietnamClock | null {
  const ms = millisecondsOf(instant);
  if (!Number.isFinite(ms)) return null;
  const shifted = new Date(ms + VIETNAM_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day in Vietnam at `instant`, as an ISO date (`2026-12-07`). Throws on an unreadable moment. */
export function vietnamDate(instant: Instant): string {
  const clock = vietnamClock(instant);
  if (!clock) throw new RangeError(`Not a moment: ${String(instant)}`);
  return `${String(clock.year).padStart(4, '0')}-${pad(clock.month)}-${pad(clock.day)}`;
}

/** The moment a Vietnamese calendar day begins (00:00 in Vietnam), as an ISO timestamp. */
export function vietnamDayStart(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - VIETNAM_OFFSET_MS).toISOString();
}

/** Whole calendar days from `from` to `to`, both ISO dates (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Whether `isoDate` (`YYYY-MM-DD`) names a day that exists (no 31 April, no 29 February 2026). */
export function isCalendarDate(isoDate: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}
