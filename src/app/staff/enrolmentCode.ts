/** An enrolment code as the district reads it out: `K7QF-M2XP` (groups of four, upper case). */
export function groupEnrolmentCode(code: string): string {
  const compact = code.replace(/[^0-9a-z]/gi, '').toUpperCase();
  return compact.match(/.{1,4}/g)?.join('-') ?? '';
}
