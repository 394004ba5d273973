/**
 * The push's quick way through a form's values (services/reportBody.ts) answers exactly as the shared
 * report schema: the same document and canonical JSON when it passes, the schema's own issues when not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROW_CODE } from '../../../src/domain/forms/definition';
import { LONG_TEXT } from '../../../src/domain/report';
import { reportDocumentSchema } from '../../../src/domain/reportSchema';
import { ApiFailure, zodIssues } from '../../../src/server/services/errors';
import { isPlainFormValues, isRowCode, parseReportBody } from '../../../src/server/services/reportBody';
import { readyReport } from '../helpers';

/** What the schema alone makes of a body: its JSON, or its issues as the API reports them. */
function bySchema(body: unknown): unknown {
  const parsed = reportDocumentSchema.safeParse(body);
  return parsed.success ? { json: JSON.stringify(parsed.data) } : { issues: zodIssues(parsed.error.issues).map((issue) => ({ path: issue.path, code: issue.code })) };
}

function byPush(body: unknown, id: string): unknown {
  try {
    return { json: parseReportBody(id, body).json };
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    return { issues: (error.details as { path: string; code: string }[]).map((issue) => ({ path: issue.path, code: issue.code })) };
  }
}

const key = fc.oneof(
  fc.stringMatching(/^[A-Z][A-Z0-9_]{0,39}$/),
  fc.constantFrom('', 'a', '1A', '__proto__', 'constructor', 'A'.repeat(41), 'HOC TAP', 'Đ', 'A-B', 'toString'),
);
const value = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double(),
  fc.constantFrom(1e15, -1e15, 1e15 + 1, -1e15 - 2, Number.MAX_VALUE, -0, 0.5),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('x'.repeat(LONG_TEXT), 'x'.repeat(LONG_TEXT + 1)),
  fc.constantFrom(undefined, [], {}, [1], { a: 1 }),
);
/** Values as a device's JSON would bring them, and now and then as no JSON can. */
const values = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(key, value, { maxKeys: 12 }).map((record) => JSON.parse(JSON.stringify(record)) as unknown) },
  { weight: 1, arbitrary: fc.dictionary(key, value, { maxKeys: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, [], 'A', 3, Object.create(null) as object, new Map(), { [Symbol('s')]: 1 }, Object.defineProperty({}, 'A', { value: 1 })) },
);

describe('the push through the report schema, quickly', () => {
  it('answers as the schema does, body by body', () => {
    const base = readyReport();
    fc.assert(
      fc.property(values, (record) => {
        const body = { ...base, form: { id: 'mau-thu', version: 1 }, values: record };
        expect(byPush(body, base.id)).toEqual(bySchema(body));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the quick way for what a device sends, and keeps every key and value in order', () => {
    const record = JSON.parse('{"TONG_LD":120,"DA_TO_CHUC":true,"GHI_CHU":"Đã thực hiện","LUONG_TB":null,"CHI_TIEU_6":-3.5}') as unknown;
    expect(isPlainFormValues(record)).toBe(true);
    const body = { ...readyReport(), form: { id: 'mau-thu', version: 1 }, values: record };
    expect(parseReportBody(body.id, body).json).toBe(JSON.stringify(reportDocumentSchema.parse(body)));
  });

  it('tells a row code as ROW_CODE does', () => {
    const near = fc.stringMatching(/^[A-Z@[_0-9a-z`/:Đ]{0,42}$/);
    fc.assert(fc.property(fc.oneof(near, fc.string(), fc.stringMatching(/^[A-Z][A-Z0-9_]{0,41}$/)), (key) => {
        expect(isRowCode(key)).toBe(ROW_CODE.test(key));
      }), { numRuns: 5000 });
  });

  it('leaves to the schema what it cannot vouch for', () => {
    for (const record of [Object.create(null) as object, JSON.parse('{"__proto__":1}') as object, { A: Number.NaN }, { A: 'x'.repeat(LONG_TEXT + 1) }, { a: 1 }, [], { [Symbol('s')]: 1 }])
      expect(isPlainFormValues(record)).toBe(false);
  });
});
