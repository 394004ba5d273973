/** Tokens, codes and passwords: random enough, and only ever stored as hashes. */
import { hash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/** A bearer token: 256 random bits, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** One call, no Hash object: every push hashes its body (node ≥ 20.12). */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}

/** Unambiguous when read aloud or typed on a phone: no 0/O, no 1/I. */
export const ENROLMENT_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const ENROLMENT_CODE_LENGTH = 8;

/** `count` random characters of the unambiguous alphabet (5 bits each). */
export function randomCodeCharacters(count: number): string {
  let code = '';
  for (let i = 0; i < count; i++) code += ENROLMENT_CODE_ALPHABET[randomInt(ENROLMENT_CODE_ALPHABET.length)];
  return code;
}

/** A fresh code, grouped for people: `K7QF-M2XP` (40 bits; guessing is stopped by expiry, use limits and rate limits). */
export function newEnrolmentCode(): string {
  const code = randomCodeCharacters(ENROLMENT_CODE_LENGTH);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What the officer typed → the canonical code, or null when it cannot be a code at all. */
export function normaliseEnrolmentCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== ENROLMENT_CODE_LENGTH) return null;
  for (const char of code) if (!ENROLMENT_CODE_ALPHABET.includes(char)) return null;
  return code;
}

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64');
  const actual = await scryptAsync(password, Buffer.from(saltText, 'base64'), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}

/** Checked against when the user does not exist, so that a wrong name takes as long as a wrong password. */
export const DECOY_PASSWORD_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;
