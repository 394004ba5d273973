import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../../src/app/staff/revisions/describe';
import { vi } from '../../../src/app/i18n/vi';
import { diffReports } from '../../../src/domain/reportDiff';
import { session, validReport } from '../../domain/fixtures';

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
