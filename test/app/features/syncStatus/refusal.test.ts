/** A push the server refused, in the officer's words. */
import { describe, expect, it } from 'vitest';
import { syncMessages } from '../../../../src/app/features/syncStatus/messages';
import { refusalText } from '../../../../src/app/features/syncStatus/refusal';
import { round, roundClosedRefusal } from '../../../domain/fixtures';

describe('reporting rounds on the device', () => {
  it('says since when a closed round refuses the report, in Vietnamese', () => {
    const refusal = roundClosedRefusal(round({ closedAt: '2026-12-11T03:00:00.000Z' }));
    const text = refusalText(syncMessages('vi'), refusal, (path) => path);
    expect(text).toMatch(/^Kỳ báo cáo đã khoá ngày \d{2}\/12\/2026/);
    expect(text).toContain('mở lại kỳ báo cáo');
    // Before enrolment the superior has no name yet; once known, the sentence names it.
    expect(text).toContain('đề nghị công đoàn cấp trên mở lại');
    expect(refusalText(syncMessages('vi'), refusal, (path) => path, 'Công đoàn xã Dương Minh Châu')).toContain(
      'hãy đề nghị Công đoàn xã Dương Minh Châu mở lại kỳ báo cáo',
    );
  });
});

describe('a report form the server refuses', () => {
  it('says in Vietnamese what to do, never a bare code', () => {
    const unknown = refusalText(syncMessages('vi'), { error: 'unknown_form', message: 'unknown form' }, (path) => path);
    expect(unknown).toBe('Máy chủ không nhận mẫu báo cáo này cho công đoàn mình nữa. Hãy báo công đoàn cấp trên.');
    const changed = refusalText(syncMessages('vi'), { error: 'form_changed', message: 'form changed' }, (path) => path);
    expect(changed).toBe('Trên máy chủ, báo cáo này theo một mẫu khác. Hãy cập nhật ứng dụng rồi đồng bộ lại.');
    expect(`${unknown} ${changed}`).not.toMatch(/mã:/);
  });
});
