import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../../../src/app/staff/revisions/describe';
import { en } from '../../../../src/app/i18n/messages.en';
import { vi } from '../../../../src/app/i18n/messages';
import { revisionMessages } from '../../../../src/app/staff/revisions/messages';
import { diffReports, type ReportChange } from '../../../../src/domain/reportDiff';
import { reportDocumentSchema } from '../../../../src/domain/reportSchema';
import { session, validReport } from '../../../domain/fixtures';
import { TEST_FORM, TEST_FORM_REF } from '../forms/formFixture';

/** zod/mini's definition of a schema node, as far as walking the report's shape needs it. */
interface SchemaNode {
  _zod: { def: { type: string; shape?: Record<string, SchemaNode>; innerType?: SchemaNode } };
}

/**
 * Every leaf path of the report document, from its schema (so a field added later is in it), except
 * the dialogue sessions (labelled as sessions) and the bookkeeping no diff shows.
 */
function documentPaths(node: SchemaNode = reportDocumentSchema as unknown as SchemaNode, prefix = ''): string[] {
  const { def } = node._zod;
  if (def.type === 'optional' || def.type === 'nullable') return documentPaths(def.innerType as SchemaNode, prefix);
  if (def.type !== 'object') return [prefix];
  return Object.entries(def.shape ?? {}).flatMap(([key, child]) => {
    // A form's rows (`values`, `valueNotes`) are named by the form's own labels: their own test below.
    if (!prefix && ['id', 'createdAt', 'updatedAt', 'dialogues', 'values', 'valueNotes'].includes(key)) return [];
    return documentPaths(child, prefix ? `${prefix}.${key}` : key);
  });
}

describe('what changed between two revisions', () => {
  it('names a changed figure by its form label, with the figures as a Vietnamese reader writes them', () => {
    const before = validReport();
    const after = validReport((r) => {
      r.membership.members = 1100;
      r.updatedAt = '2024-03-02T08:00:00.000Z';
    });
    const changes = diffReports(before, after);
    expect(changes).toEqual([{ kind: 'field', path: 'membership.members', before: 1053, after: 1100 }]);
    expect(describeChanges(vi, changes)).toEqual([
      { key: 'membership.members', kind: 'changed', label: 'Số đoàn viên', before: '1.053', after: '1.100' },
    ]);
  });

  it('says nothing changed for equal revisions, whatever their timestamps', () => {
    expect(diffReports(validReport(), validReport((r) => (r.updatedAt = '2025-01-01T00:00:00.000Z')))).toEqual([]);
  });

  it('matches dialogue sessions by id: added, removed and edited, not shifted', () => {
    const before = validReport((r) => {
      r.dialogues.push(session({ id: 'a', date: '2024-05-01' }), session({ id: 'b', date: '2024-06-01', participants: 30 }));
    });
    const after = validReport((r) => {
      r.dialogues.push(
        session({ id: 'b', date: '2024-06-14', participants: 30, kind: 'workersConference' }),
        session({ id: 'c', date: '2024-09-02', ledBy: 'Chủ tịch UBND xã', participants: 120 }),
      );
    });
    const lines = describeChanges(vi, diffReports(before, after));
    expect(lines.map((line) => [line.kind, line.label, line.before, line.after])).toEqual([
      ['changed', 'Buổi 1: Ngày', '01/06/2024', '14/06/2024'],
      ['changed', 'Buổi 1: Hình thức', 'Đối thoại định kỳ tại nơi làm việc', 'Hội nghị người lao động'],
      ['added', 'Buổi 2 (thêm mới)', '—', '02/09/2024 · Đối thoại định kỳ tại nơi làm việc · Chủ tịch UBND xã · Số người tham dự: 120'],
      ['removed', 'Buổi 1 (đã xoá)', '01/05/2024 · Đối thoại định kỳ tại nơi làm việc · Giám đốc công ty · Số người tham dự: 45', '—'],
    ]);
  });

  it('puts words on yes/no, empty values, dates and the status', () => {
    const before = validReport();
    const after = validReport((r) => {
      r.status = 'ready';
      r.grassrootsDemocracy.workersConferenceHeld = true;
      r.grassrootsDemocracy.workersConferenceDate = '2024-03-14';
      r.membership.newMembers = null;
      r.proposals.text = 'Đề nghị hỗ trợ nhà trọ cho công nhân';
    });
    expect(describeChanges(vi, diffReports(before, after)).map((line) => `${line.label}: ${line.before} → ${line.after}`)).toEqual([
      'Trạng thái báo cáo: Bản nháp → Sẵn sàng gửi',
      'Đoàn viên kết nạp mới trong kỳ: 40 → —',
      'Đã tổ chức hội nghị người lao động?: Chưa trả lời → Có',
      'Ngày tổ chức hội nghị: — → 14/03/2024',
      `${vi.fields['proposals.text']}: — → Đề nghị hỗ trợ nhà trọ cho công nhân`,
    ]);
  });
});

describe('the labels of the diff', () => {
  it('gives every path of the report document a label, never its key, in both languages', () => {
    const paths = documentPaths();
    // The walk found the groups added after the form (the document's number and date) too.
    expect(paths).toEqual(expect.arrayContaining(['status', 'period.year', 'membership.members', 'issuance.number', 'issuance.date']));
    const changes: ReportChange[] = paths.map((path) => ({ kind: 'field', path, before: null, after: 1 }));
    for (const [t, language] of [
      [vi, 'vi'],
      [en, 'en'],
    ] as const) {
      const lines = describeChanges(t, changes, revisionMessages(language));
      for (const [index, line] of lines.entries()) {
        const path = paths[index] as string;
        expect(line.label, path).not.toBe(path);
        expect(line.label, path).not.toBe(path.split('.').at(-1));
        // A key reads as words joined by dots or in camelCase (`issuance.number`, `workersConferenceHeld`); a label does not.
        expect(line.label, path).not.toMatch(/\w\.\w|[a-z][A-Z]/);
      }
    }
    expect(describeChanges(vi, changes).find((line) => line.key === 'issuance.number')?.label).toBe('Số văn bản');
  });

  it('names the fields of a group one revision lacks one by one, never as one value', () => {
    const before = validReport((r) => {
      delete r.issuance;
    });
    const after = validReport((r) => {
      r.status = 'ready';
      r.issuance = { number: '05', date: '2025-01-10' };
    });
    expect(describeChanges(vi, diffReports(before, after)).map((line) => `${line.label}: ${line.before} → ${line.after}`)).toEqual([
      'Trạng thái báo cáo: Bản nháp → Sẵn sàng gửi',
      'Số văn bản: — → 05',
      'Ngày ký văn bản: — → 10/01/2025',
    ]);
    // An empty group against none is no change.
    expect(diffReports(before, validReport((r) => (r.issuance = { number: '', date: '' })))).toEqual([]);
  });
});

describe('the changes of a form’s rows', () => {
  const before = validReport((r) => {
    r.form = TEST_FORM_REF;
    r.values = { TONG_LD: 1200, LUONG: 7_000_000, HNNLD: false, KIEN_NGHI: '' };
  });
  const after = validReport((r) => {
    r.form = TEST_FORM_REF;
    r.values = { TONG_LD: 1250, LUONG: 7_000_000, HNNLD: true, NGAY_HN: '2026-03-14', KIEN_NGHI: 'Nhà trọ' };
    r.valueNotes = { TONG_LD: 'Tuyển thêm 50 người' };
  });

  it('labels each row with the form’s number and label, its value as the form writes it, never its code', () => {
    const lines = describeChanges(vi, diffReports(before, after, TEST_FORM), revisionMessages('vi'), TEST_FORM);
    expect(lines.map((line) => [line.key, `${line.label}: ${line.before} → ${line.after}`])).toEqual([
      ['values.TONG_LD', '1. Tổng số lao động: 1.200 → 1.250'],
      ['values.HNNLD', '5. Đã tổ chức hội nghị người lao động: Không → Có'],
      ['values.NGAY_HN', '6. Ngày tổ chức: — → 14/03/2026'],
      ['values.KIEN_NGHI', '7. Kiến nghị: — → Nhà trọ'],
      ['valueNotes.TONG_LD', '1. Tổng số lao động — giải trình: — → Tuyển thêm 50 người'],
    ]);
    for (const line of lines) expect(line.label).not.toMatch(/[A-Z]{2,}_?/);
  });

  it('names a row it cannot find in words, in both languages, never by its code', () => {
    const changes = diffReports(before, after);
    for (const language of ['vi', 'en'] as const)
      for (const line of describeChanges(language === 'vi' ? vi : en, changes, revisionMessages(language))) expect(line.label).not.toMatch(/TONG_LD|HNNLD|NGAY_HN|KIEN_NGHI/);
  });
});
