/**
 * How the app names the union's direct upper-level union (công đoàn cấp trên trực tiếp cơ sở): by
 * the name the server gave at enrolment and keeps current through the change feed, and before
 * enrolment (or when the server knows none) by the neutral words of the language. Never a fixed
 * name: the LĐLĐ huyện ended on 1 July 2025, and a CĐCS may move to another superior.
 */
import type { Superior } from '../../domain/organisation';

/** The superior's official name, or `fallback` ("công đoàn cấp trên") when none is known. */
export function superiorName(superior: Pick<Superior, 'name'> | null | undefined, fallback: string): string {
  return superior?.name.trim() || fallback;
}

/** A name at the start of a sentence: "công đoàn cấp trên đã…" becomes "Công đoàn cấp trên đã…". */
export function sentenceStart(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
