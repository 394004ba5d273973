import { describe, expect, it } from 'vitest';
import { PLAN94_FORM } from '../../../src/domain/forms/builtin/plan94';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { PLAN94_FORM_REF } from '../../../src/domain/forms/formRef';
import { checkReportForm } from '../../../src/domain/forms/reportCheck';
import { emptyReport } from '../../../src/domain/report';

describe('a report’s form without the forms (the phone’s start)', () => {
  it('names the built-in Plan 94 form by its own id and version', () => {
    expect(PLAN94_FORM_REF).toEqual({ id: PLAN94_FORM.id, version: PLAN94_FORM.version });
  });
});

describe('whether a report may be marked ready, whatever its form', () => {
  const report = () => emptyReport('5b1c6f52-9d8e-4b7a-a1f0-2c3d4e5f6a7b', { year: 2025, kind: 'yearly' }, '2025-11-01T08:00:00.000Z');

  it('holds Plan 94 to today’s rules', () => {
    const check = checkReportForm(report(), null);
    expect(check.values).toBeNull();
    expect(check.canMarkReady).toBe(false);
    expect(check.report.errors.map((issue) => issue.path)).toEqual(['membership.workers', 'membership.members']);
  });

  it('holds a form report to its rows’ rules and required rows, not to the blocks it does not show', () => {
    const form = { ...report(), form: { id: MAU_1_HDCD_FORM.id, version: 1 }, values: {}, valueNotes: {} };
    const empty = checkReportForm(form, MAU_1_HDCD_FORM);
    expect(empty.report.errors).toEqual([]);
    expect(empty.values?.errors.map((issue) => `${issue.code}:${issue.reason}`)).toEqual(['TONG_LD:required']);
    expect(checkReportForm({ ...form, values: { TONG_LD: 10, LD_NU: 12 } }, MAU_1_HDCD_FORM).canMarkReady).toBe(false);
    expect(checkReportForm({ ...form, values: { TONG_LD: 10, LD_NU: 8 } }, MAU_1_HDCD_FORM).canMarkReady).toBe(true);
    // Without its definition nothing can say the rows are right.
    expect(checkReportForm({ ...form, values: { TONG_LD: 10 } }, null).canMarkReady).toBe(false);
  });
});
