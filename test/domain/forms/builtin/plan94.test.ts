import { describe, expect, it } from 'vitest';
import { PLAN94_BLOCK_FIELDS, PLAN94_EXPLANATION_FIELDS, PLAN94_FORM, PLAN94_ROW_FIELDS, plan94Explanations, plan94Values, REPORT_ENVELOPE_FIELDS } from '../../../../src/domain/forms/builtin/plan94';
import { formBlocks, formDefinitionSchema, formRows } from '../../../../src/domain/forms/definition';
import { checkFormValues } from '../../../../src/domain/forms/validate';
import { emptyReport } from '../../../../src/domain/report';
import { reportDocumentSchema } from '../../../../src/domain/reportSchema';
import { checkReport } from '../../../../src/domain/validation';
import { REPORT_ID, validReport } from '../../fixtures';

/** Every field of a report as a dotted path, a list (the dialogue sessions) counted as one field. */
function fieldsOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || (REPORT_ENVELOPE_FIELDS as readonly string[]).includes(prefix)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => fieldsOf(inner, prefix ? `${prefix}.${key}` : key));
}

describe('Plan 94 as the built-in form', () => {
  it('is a valid published form', () => {
    expect(formDefinitionSchema.parse(PLAN94_FORM)).toStrictEqual(PLAN94_FORM);
    expect(PLAN94_FORM).toMatchObject({ title: 'Kế hoạch 94/KH-LĐLĐ (2021–2025)', status: 'published' });
  });

  it('covers every field of today’s report that holds a figure or a text by exactly one row or built-in block', () => {
    const report = emptyReport(REPORT_ID, { year: 2024, kind: 'yearly' }, '2024-03-01T08:00:00.000Z');
    expect(reportDocumentSchema.parse(report)).toEqual(report);
    const content = fieldsOf(report).filter((path) => !(REPORT_ENVELOPE_FIELDS as readonly string[]).includes(path));

    const coveredBy = [
      ...Object.entries(PLAN94_ROW_FIELDS).map(([code, path]) => [path, `row ${code}`]),
      ...Object.entries(PLAN94_EXPLANATION_FIELDS).map(([code, path]) => [path, `explanation of ${code}`]),
      ...Object.entries(PLAN94_BLOCK_FIELDS).flatMap(([block, paths]) => paths.map((path) => [path, `block ${block}`])),
    ];
    expect(coveredBy.map(([path]) => path).sort()).toEqual([...content].sort());
    expect(new Set(coveredBy.map(([path]) => path)).size).toBe(coveredBy.length);
  });

  it('has exactly the rows and blocks the tables name, in the editor’s order', () => {
    expect(formRows(PLAN94_FORM).map((row) => row.code)).toEqual(Object.keys(PLAN94_ROW_FIELDS));
    expect(formBlocks(PLAN94_FORM)).toEqual(Object.keys(PLAN94_BLOCK_FIELDS));
    expect(Object.keys(PLAN94_EXPLANATION_FIELDS).every((code) => formRows(PLAN94_FORM).find((row) => row.code === code)?.rules.some((r) => r.severity === 'warning'))).toBe(true);
  });

  it('reads a stored report’s rows as values of their rows’ kinds, and its explanations', () => {
    const report = validReport((r) => {
      r.dissemination.sessions = 3;
      r.studyAndFollow.notes = 'Thi đua lao động giỏi';
      r.grassrootsDemocracy = { workersConferenceHeld: true, workersConferenceDate: '2024-02-20' };
      r.explanations.partyAdmission = 'Một người được giới thiệu năm 2023.';
    });
    const values = plan94Values(report);
    expect(values).toMatchObject({ TUYEN_TRUYEN_BUOI: 3, TUYEN_TRUYEN_LUOT: null, HOC_TAP_KET_QUA: 'Thi đua lao động giỏi', HNNLD_DA_TO_CHUC: true, HNNLD_NGAY: '2024-02-20', KIEN_NGHI: '' });
    expect(plan94Explanations(report)).toEqual({ DANG_KET_NAP: 'Một người được giới thiệu năm 2023.' });
    expect(checkFormValues(PLAN94_FORM, values).errors).toEqual([]);
  });

  it('finds the same faults in its rows as today’s rules do, at the mapped fields', () => {
    const report = validReport((r) => {
      r.inspection.complaintsReceived = 2;
      r.inspection.complaintsResolved = 3;
      r.partyDevelopment = { introduced: 1, admitted: 2 };
      r.grassrootsDemocracy = { workersConferenceHeld: true, workersConferenceDate: '' };
      r.dissemination.sessions = -1;
    });
    const today = checkReport(report);
    const byForm = checkFormValues(PLAN94_FORM, plan94Values(report), { explanations: plan94Explanations(report) });
    const path = (code: string) => PLAN94_ROW_FIELDS[code as keyof typeof PLAN94_ROW_FIELDS];
    expect(byForm.errors.map((issue) => path(issue.code)).sort()).toEqual(today.errors.map((issue) => issue.path).sort());
    expect(byForm.warnings.map((issue) => [path(issue.code), issue.explained])).toEqual(today.warnings.map((issue) => [issue.path, issue.explained]));
  });
});
