/**
 * Numbers and dates as a Vietnamese reader writes them: `1.234`, `85,3 %`, `dd/mm/yyyy`.
 * The same forms are used in English mode: the report is a Vietnamese document.
 */
const countFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatCount(value: number | null | undefined): string {
  return value == null ? '' : countFormat.format(value);
}

/**
 * A rate (0.853) as `85,3 %`, rounded to one decimal exactly as `meetsUnionizationTarget` compares,
 * so the figure and "Đạt"/"Chưa đạt" always agree. No rate → "—".
 */
export function formatRate(rate: number | null): string {
  if (rate == null || !Number.isFinite(rate)) return '—';
  return `${oneDecimal.format(Math.round(rate * 1000) / 10)} %`;
}

export function formatPercent(percent: number): string {
  return `${oneDecimal.format(percent)} %`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO calendar date (`2024-03-08`) as `08/03/2024`; anything else is shown as it is. */
export function formatIsoDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** The local calendar day of a moment: `25/11/2026`. */
export function formatDate(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** A moment in the officer's local time: `25/11/2026 14:27`. */
export function formatDateTime(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatTime(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
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
