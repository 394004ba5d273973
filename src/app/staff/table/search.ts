/**
 * Finding a CĐCS by name or code as staff type it: without diacritics, in any case, words in any
 * order ("may tay ninh" finds "CĐCS Công ty May Tây Ninh"; "đ" and "d" are the same letter here).
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

/** True when every word of the query is found in one of the texts (name, code, employer …). */
export function matchesSearch(words: readonly string[], texts: readonly (string | null | undefined)[]): boolean {
  if (words.length === 0) return true;
  const haystack = texts.filter(Boolean).map((text) => foldForSearch(text as string)).join(' ');
  return words.every((word) => haystack.includes(word));
}
