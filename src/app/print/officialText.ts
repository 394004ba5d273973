/**
 * The fixed parts of an administrative document as Nghị định 30/2020/NĐ-CP, Phụ lục I writes them:
 * the number line, the place and date line, the recipients and the signer's authority. Pure text, so
 * the officer's report and the superior's summary print them the same way and tests read them plainly.
 * An empty value leaves the room a clerk fills by hand, never an invented value.
 */

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** What a blank in the printed text looks like: enough room to write a number or a day by hand. */
const BLANK = '\u00a0'.repeat(6);

/** `5` → `05`: NĐ 30 writes numbers under 10 with a leading zero. Anything not a plain number is kept as typed. */
export function documentNumber(number: string): string {
  const trimmed = number.trim();
  return /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

/** `Số: 05/BC-CĐCS`; without a number, `Số:      /BC-CĐCS` for the clerk to fill. */
export function numberLine(number: string, kindSymbol: string, shortName: string): string {
  const symbol = shortName.trim() ? `${kindSymbol}-${shortName.trim()}` : kindSymbol;
  return `Số: ${documentNumber(number) || BLANK}/${symbol}`;
}

/**
 * `Tây Ninh, ngày 05 tháng 12 năm 2026`: days under 10 and the months January and February take a
 * leading zero (so `tháng 01`, `tháng 3`, `tháng 12`). An empty date leaves the day and month blank.
 */
export function placeAndDateLine(placeName: string, isoDate: string, fallbackYear: number): string {
  const place = placeName.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const text = match
    ? `ngày ${match[3]} tháng ${Number(match[2]) <= 2 ? match[2] : String(Number(match[2]))} năm ${match[1]}`
    : `ngày${BLANK}tháng${BLANK}năm ${fallbackYear}`;
  return place ? `${place}, ${text}` : text;
}

/**
 * The recipients block: `- Như trên;` (the addressee of `Kính gửi`), the profile's own lines each
 * closed by `;`, and `- Lưu: VT.` last.
 */
export function recipientLines(extra: string | undefined): string[] {
  const lines = (extra ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^[-–•+]\s*/, '').replace(/[;.,]+$/, '').trim())
    .filter((line) => line !== '' && !/^như trên$/i.test(line) && !/^lưu\b/i.test(line));
  return ['- Như trên;', ...lines.map((line) => `- ${line};`), '- Lưu: VT.'];
}

/**
 * The lines above the signature. The chair signs `TM. BAN CHẤP HÀNH / CHỦ TỊCH`; a vice-chair signs
 * on the chair's behalf: `TM. BAN CHẤP HÀNH / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH`.
 */
export function signerAuthorityLines(signerTitle: string | undefined): string[] {
  const title = (signerTitle ?? '').trim();
  const upper = title ? title.toLocaleUpperCase('vi-VN') : 'CHỦ TỊCH';
  if (/^PHÓ\s/.test(upper)) return ['TM. BAN CHẤP HÀNH', 'KT. CHỦ TỊCH', upper];
  return ['TM. BAN CHẤP HÀNH', upper];
}

/** Upper case as Vietnamese writes it (the issuing body and its superior in the header). */
export function upper(text: string): string {
  return text.trim().toLocaleUpperCase('vi-VN');
}
