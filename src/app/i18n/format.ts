/**
 * Numbers and dates as a Vietnamese reader writes them: `1.234`, `85,3 %`, `dd/mm/yyyy`.
 * The same forms are used in English mode: the report is a Vietnamese document.
 */

import { isCalendarDate, vietnamClock } from '../../domain/calendar';

// Intl.NumberFormat is made on first need only: building the first vi-VN formatter loads the
// locale's data, which on a slow phone took a tenth of the cold start (≈ 90 ms of CPU at 1×) before
// the draft could show. The figures the editor and the list show (whole counts, one-decimal rates)
// are written by hand below, character for character as vi-VN writes them (test/app/i18n/format.test.ts).
let countFormat: Intl.NumberFormat | undefined;
let oneDecimal: Intl.NumberFormat | undefined;
const countFormatter = () => (countFormat ??= new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }));
const oneDecimalFormatter = () => (oneDecimal ??= new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

/** Digits `1234567` as `1.234.567` (vi-VN groups every three digits with a dot). */
function groupThousands(digits: string): string {
  let grouped = '';
  for (let end = digits.length; end > 0; end -= 3) grouped = digits.slice(Math.max(0, end - 3), end) + (grouped ? `.${grouped}` : '');
  return grouped;
}

/** Decimal digits `d` plus one unit in the last place, carrying: `"0999"` → `"1000"`. */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/**
 * `value` with exactly `decimals` fraction digits, as vi-VN writes it; null where the hand-written
 * form might differ (then Intl writes it). Like Intl, it rounds the number's shortest decimal form
 * half away from zero (0.15 → "0,2", where toFixed gives "0.1").
 */
function formatFixed(value: number, decimals: number): string | null {
  // -0 is written "-0" by Intl; exponent forms (tiny or huge numbers) are left to Intl.
  if (!Number.isFinite(value) || Object.is(value, -0)) return null;
  const shortest = String(Math.abs(value));
  if (shortest.includes('e')) return null;
  const [whole, fraction = ''] = shortest.split('.') as [string, string | undefined];
  let digits = whole + fraction.slice(0, decimals).padEnd(decimals, '0');
  if ((fraction[decimals] ?? '0') >= '5') digits = incrementDigits(digits);
  const wholeDigits = digits.slice(0, digits.length - decimals);
  const fractionDigits = digits.slice(digits.length - decimals);
  // A negative value that rounds to zero keeps its sign, as Intl writes it ("-0,0").
  const sign = value < 0 ? '-' : '';
  return `${sign}${groupThousands(wholeDigits)}${decimals ? `,${fractionDigits}` : ''}`;
}

export function formatCount(value: number | null | undefined): string {
  if (value == null) return '';
  return (Number.isInteger(value) ? formatFixed(value, 0) : null) ?? countFormatter().format(value);
}

/**
 * A rate (0.853) as `85,3 %`, rounded to one decimal exactly as `meetsUnionizationTarget` compares,
 * so the figure and "Đạt"/"Chưa đạt" always agree. No rate → "—".
 */
export function formatRate(rate: number | null): string {
  if (rate == null || !Number.isFinite(rate)) return '—';
  return `${formatOneDecimal(Math.round(rate * 1000) / 10)} %`;
}

export function formatPercent(percent: number): string {
  return `${formatOneDecimal(percent)} %`;
}

function formatOneDecimal(value: number): string {
  return formatFixed(value, 1) ?? oneDecimalFormatter().format(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO calendar date (`2024-03-08`) as `08/03/2024`; anything else is shown as it is. */
export function formatIsoDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** The day of a moment in Vietnam (src/domain/calendar.ts), whatever the device's clock zone: `25/11/2026`. */
export function formatDate(value: string | Date): string {
  const clock = vietnamClock(value);
  return clock ? `${pad(clock.day)}/${pad(clock.month)}/${clock.year}` : '';
}

/** A moment on Vietnam's clock: `25/11/2026 14:27`, the same on a phone, a laptop set to UTC and the server's figures. */
export function formatDateTime(value: string | Date): string {
  const clock = vietnamClock(value);
  return clock ? `${pad(clock.day)}/${pad(clock.month)}/${clock.year} ${pad(clock.hour)}:${pad(clock.minute)}` : '';
}

/** The time of a moment on Vietnam's clock: `14:27:05`. */
export function formatTime(value: string | Date): string {
  const clock = vietnamClock(value);
  return clock ? `${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}` : '';
}

export type ParsedDate = { ok: true; value: string } | { ok: false };

/**
 * A date as typed on a phone, day first: `05/12/2026`, `5/12/2026`, `05.12.2026`, `05-12-2026`,
 * `05 12 2026`, `05122026` (a phone's number pad may have no slash). An ISO date pasted from a
 * spreadsheet (`2026-12-05`) is read too, year first being unambiguous. Empty means "not filled in" (`value: ''`). A day that does not exist (31/04) is refused.
 */
export function parseDate(text: string): ParsedDate {
  const compact = text.trim();
  if (compact === '') return { ok: true, value: '' };
  let parts: [string, string, string] | null = null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(compact);
  // The year in full: while `05/12/2026` is typed, `05/12/20` must not read as a date of 2020.
  const dayFirst = /^(\d{1,2})[/.\-\s]+(\d{1,2})[/.\-\s]+(\d{4})$/.exec(compact);
  const digits = /^(\d{2})(\d{2})(\d{4})$/.exec(compact);
  if (iso) parts = [iso[3]!, iso[2]!, iso[1]!];
  else if (dayFirst) parts = [dayFirst[1]!, dayFirst[2]!, dayFirst[3]!];
  else if (digits) parts = [digits[1]!, digits[2]!, digits[3]!];
  if (!parts) return { ok: false };
  const [day, month, year] = parts;
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(value) ? { ok: true, value } : { ok: false };
}

/** How a stored ISO date appears in its input: `05/12/2026`, empty for none. */
export function dateToInput(isoDate: string): string {
  return isoDate ? formatIsoDate(isoDate) : '';
}

export type ParsedCount = { ok: true; value: number | null } | { ok: false };

/**
 * A count as typed on a phone: `1.234` (dots group thousands), `1234`, `1 234`, `-5`, `2,5`
 * (comma decimals; the rules then say a count must be whole). Empty means "not filled in".
 * Anything else (`12a`, `1.23`, `1,2,3`) is refused so the officer can correct it.
 */
export function parseCount(text: string): ParsedCount {
  const compact = text.trim().replace(/[\s\u00a0]/g, '').replace(/^−/, '-');
  if (compact === '') return { ok: true, value: null };
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(compact)) return { ok: false };
  const value = Number(compact.replace(/\./g, '').replace(',', '.'));
  if (!Number.isFinite(value) || Math.abs(value) > 1e9) return { ok: false };
  return { ok: true, value };
}

/** How a stored count appears in its input: `1.234`, empty for null. */
export function countToInput(value: number | null): string {
  return formatCount(value);
}
