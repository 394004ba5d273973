/** An enrolment code as the superior's staff read it out: `K7QF-M2XP` (groups of four, upper case). */
export function groupEnrolmentCode(code: string): string {
  const compact = code.replace(/[^0-9a-z]/gi, '').toUpperCase();
  return compact.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * A code the list knows by its last characters only (the server keeps the code hashed): `••••-••XP`,
 * as long and grouped as the code itself. No hint (a code issued before the server kept one): all dots.
 */
export function maskedEnrolmentCode(hint: string | null, length = 8): string {
  const end = [...(hint ?? '').toUpperCase()].slice(-length);
  const characters = [...Array<string>(length - end.length).fill('•'), ...end];
  const groups: string[] = [];
  for (let i = 0; i < characters.length; i += 4) groups.push(characters.slice(i, i + 4).join(''));
  return groups.join('-');
}

/** How many phones or days the form says: a whole number within `limits`, or null for anything else. */
export function parseCodeOption(text: string, limits: { min: number; max: number }): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= limits.min && value <= limits.max ? value : null;
}
