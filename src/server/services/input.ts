/**
 * Checks of client input that every service shares. PostgreSQL's `text` cannot hold U+0000 and its
 * `integer` is 32-bit: input that would break either is refused here as the client's mistake (4xx),
 * before it reaches a query and turns into a 500. SQLite would take it; both stores answer the same.
 */
import * as z from 'zod/mini';
import { MAX_STORED_INTEGER } from '../store/schema';
import { validationFailed, zodIssues } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id the server makes or accepts (reports, unions, devices) is a UUID; anything else names nothing. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** A whole number a stored integer column can be compared with (revisions, change cursors). */
export function isStoredInteger(text: string): boolean {
  return /^\d{1,10}$/.test(text) && Number(text) <= MAX_STORED_INTEGER;
}

/** One line of text typed by a person (a name): trimmed, and without control characters. */
export function lineOfText(options: { min?: number; max: number }) {
  return z.string().check(z.trim(), z.minLength(options.min ?? 0), z.maxLength(options.max), z.regex(/^\P{Cc}*$/u));
}

/** The body parsed by `schema`, or a 422 naming the fields that fail. */
export function parseInput<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationFailed(zodIssues(parsed.error.issues));
  return parsed.data;
}
