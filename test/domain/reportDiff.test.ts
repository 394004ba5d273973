import { describe, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../src/domain/forms/builtin/mau1HDCD';
import { diffReports } from '../../src/domain/reportDiff';
import { validReport } from './fixtures';

const FORM = { id: MAU_1_HDCD_FORM.id, version: MAU_1_HDCD_FORM.version };

describe('the changes of a form’s rows between two revisions', () => {
  it('names each changed value and explanation by its row code, in the form’s order', () => {
    const before = validReport((r) => {
      r.form = FORM;
      r.values = { LD_NU: 40, TONG_LD: 100, NO_LUONG: null };
      r.valueNotes = { LD_NU: 'Cũ' };
    });
    const after = validReport((r) => {
      r.form = FORM;
      // The newer revision's keys in another order: the form's order wins.
      r.values = { NO_LUONG: 5_000_000, LD_NU: 45, TONG_LD: 120 };
      r.valueNotes = { LD_NU: 'Mới' };
    });
    expect(diffReports(before, after, MAU_1_HDCD_FORM)).toEqual([
      { kind: 'row', code: 'TONG_LD', note: false, before: 100, after: 120 },
      { kind: 'row', code: 'LD_NU', note: false, before: 40, after: 45 },
      { kind: 'row', code: 'NO_LUONG', note: false, before: null, after: 5_000_000 },
      { kind: 'row', code: 'LD_NU', note: true, before: 'Cũ', after: 'Mới' },
    ]);
  });

  it('sees a row added, cleared, or a whole group only one revision has; empty against absent is no change', () => {
    const before = validReport((r) => {
      r.form = FORM;
      r.values = { TONG_LD: 100, LD_NU: null };
      r.valueNotes = { TONG_LD: 'Giảm do nghỉ việc' };
    });
    const after = validReport((r) => {
      r.form = FORM;
      r.values = { LD_NU: 30 };
      delete r.valueNotes;
    });
    expect(diffReports(before, after, MAU_1_HDCD_FORM)).toEqual([
      { kind: 'row', code: 'TONG_LD', note: false, before: 100, after: undefined },
      { kind: 'row', code: 'LD_NU', note: false, before: null, after: 30 },
      { kind: 'row', code: 'TONG_LD', note: true, before: 'Giảm do nghỉ việc', after: undefined },
    ]);
    expect(diffReports(validReport((r) => (r.values = { TONG_LD: null })), validReport((r) => (r.values = {})))).toEqual([]);
  });

  it('keeps a code the form does not have, after the form’s rows; without the form, the newer revision’s order', () => {
    const before = validReport((r) => (r.values = { TONG_LD: 1 }));
    const after = validReport((r) => (r.values = { OTHER: 2, TONG_LD: 3 }));
    expect(diffReports(before, after, MAU_1_HDCD_FORM).map((change) => change.kind === 'row' && change.code)).toEqual(['TONG_LD', 'OTHER']);
    expect(diffReports(before, after).map((change) => change.kind === 'row' && change.code)).toEqual(['OTHER', 'TONG_LD']);
  });
});
