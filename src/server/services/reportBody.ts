/**
 * A pushed report's body through the report's zod/mini schema (domain/reportSchema.ts, decision 0000),
 * with a quicker way through a form's values that accepts exactly what the schema accepts.
 *
 * Why: zod runs a record's every key through its regex and every value through a union of three schemas
 * (a boolean or a text fails the number first); for a 60-row form that was most of the extra CPU of its
 * push over a Plan 94 push (BENCHMARKS.md, "A form's roll-up and the push of its report"). The quick check
 * below looks at each key and value once. It only ever says yes to a record the schema would give back
 * unchanged (same keys in the same order, same values); for anything else, including anything it cannot
 * vouch for, the body goes through the shared schema as before, so its answer and its issues are the
 * schema's own (test/server/services/reportBody.test.ts compares the two on many bodies).
 */
import * as z from 'zod/mini';
import type { FormValues } from '../../domain/forms/definition';
import { LONG_TEXT } from '../../domain/report';
import { reportDocumentSchema, type ReportDocument } from '../../domain/reportSchema';
import { validationFailed, zodIssues } from './errors';

/** The bounds `formValuesSchema` puts on a number. */
const MAX_MAGNITUDE = 1e15;

/** ROW_CODE (`/^[A-Z][A-Z0-9_]{0,39}$/`) tested character by character: a regex per key cost more than the rest of the check. */
export function isRowCode(key: string): boolean {
  if (key.length === 0 || key.length > 40) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const letter = c >= 65 && c <= 90;
    if (i === 0 ? !letter : !letter && !(c >= 48 && c <= 57) && c !== 95) return false;
  }
  return true;
}

/**
 * Whether `formValuesSchema` (domain/forms/definition.ts) would give `input` back as it is: a plain object
 * (as JSON.parse makes) whose own keys are all enumerable strings that are row codes, each value null, a
 * number within ±10^15 (not NaN), a boolean or a text of at most LONG_TEXT characters. False means "ask
 * the schema", not "invalid".
 */
export function isPlainFormValues(input: unknown): input is FormValues {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) return false;
  const record = input as Record<string, unknown>;
  let keys = 0;
  for (const key in record) {
    keys++;
    if (!isRowCode(key)) return false;
    const value = record[key];
    if (value === null || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!(value >= -MAX_MAGNITUDE && value <= MAX_MAGNITUDE)) return false;
    } else if (typeof value !== 'string' || value.length > LONG_TEXT) return false;
  }
  // A symbol or a non-enumerable key (never in JSON) is the schema's to judge.
  return Reflect.ownKeys(record).length === keys;
}

/** The report's schema with the quick check for `values`: what it accepts, the shared schema accepts unchanged. */
const quickSchema = z.extend(reportDocumentSchema, { values: z.optional(z.custom<FormValues>(isPlainFormValues)) });

/** The pushed body through the report's schema: the document and its canonical JSON (the rules come after, with the round). */
export function parseReportBody(pathId: string, body: unknown): { document: ReportDocument; json: string } {
  const quick = quickSchema.safeParse(body);
  // Anything the quick way does not pass goes the schema's way, for its own answer and issues.
  const parsed = quick.success ? quick : reportDocumentSchema.safeParse(body);
  if (!parsed.success) throw validationFailed(zodIssues(parsed.error.issues), 'The report does not fit the report schema.');
  const document = parsed.data;
  if (document.id !== pathId)
    throw validationFailed([{ path: 'id', code: 'id_mismatch', message: 'document.id must equal the id in the path.' }]);
  // The schema's output lists keys in schema order, so equal content gives equal text.
  return { document, json: JSON.stringify(document) };
}
