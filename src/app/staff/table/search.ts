/**
 * Finding a CĐCS by name or code as staff type it: the folding is the domain's (src/domain/search.ts),
 * shared with the server's paged period table.
 */
import { foldForSearch } from '../../../domain/search';

export { foldForSearch, searchWords } from '../../../domain/search';

/** True when every word of the query is found in one of the texts (name, code, employer …). */
export function matchesSearch(words: readonly string[], texts: readonly (string | null | undefined)[]): boolean {
  if (words.length === 0) return true;
  const haystack = texts.filter(Boolean).map((text) => foldForSearch(text as string)).join(' ');
  return words.every((word) => haystack.includes(word));
}
