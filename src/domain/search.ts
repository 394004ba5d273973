/**
 * The form names and codes are compared in when staff search them: without diacritics, in any case
 * ("may tay ninh" finds "CĐCS Công ty May Tây Ninh"; "đ" and "d" are the same letter here). Shared by
 * the browser and the server, whose SQL folds the same way (server/store/periodTable.ts).
 */

/** Lower case, no diacritics, "đ" → "d", runs of spaces as one: the form both sides are compared in. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a query, folded; an empty query has none and matches everything. */
export function searchWords(query: string): string[] {
  return foldForSearch(query).split(' ').filter(Boolean);
}

/** Every precomposed Vietnamese letter with a diacritic, both cases: what a SQL translate() must fold. */
export const VIETNAMESE_LETTERS =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ' +
  'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ';
