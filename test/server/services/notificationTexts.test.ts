/** What a reopened round says of its deadline (issue 24): "mới" only for a date of its own, and never a past day as the new one. */
import { describe, expect, it } from 'vitest';
import { roundReopenedPayload } from '../../../src/server/services/notificationTexts';

const round = { id: 'r-1', title: 'Báo cáo năm 2026', period: { year: 2026, kind: 'yearly' as const }, deadline: '2026-12-15' };

describe('the text of a reopened round', () => {
  it('names a reopening’s own deadline as the new one', () => {
    expect(roundReopenedPayload(round, '2026-12-31', '2026-12-20').body).toBe('Báo cáo năm 2026. Hạn nộp mới: 31/12/2026.');
  });
  it('gives the round’s deadline as it is while it is still ahead', () => {
    expect(roundReopenedPayload(round, '2026-12-15', '2026-12-10').body).toBe('Báo cáo năm 2026. Hạn nộp: 15/12/2026.');
    expect(roundReopenedPayload(round, '2026-12-15', '2026-12-15').body).toBe('Báo cáo năm 2026. Hạn nộp: 15/12/2026.');
  });
  it('says a passed deadline has passed and the reports are still taken', () => {
    expect(roundReopenedPayload(round, '2026-12-15', '2026-12-20').body).toBe('Báo cáo năm 2026. Hạn nộp 15/12/2026 đã qua; báo cáo vẫn được nhận.');
  });
});
