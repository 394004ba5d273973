/** What the officer reads on each report: its stage, the one thing to do next, rendered to HTML as the app renders it. */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ReportStanding } from '../../../../src/app/features/reports/ReportStanding';
import type { Language } from '../../../../src/app/i18n';
import { reportLifecycle } from '../../../../src/domain/lifecycle';
import { emptyReport, type ReportDocument } from '../../../../src/domain/report';
import { neverSynced, type LocalReportSync } from '../../../../src/domain/sync';
import { serverCopy, synced } from '../../../domain/fixtures';
import { render } from '../render';

const document = (): ReportDocument => {
  const report = emptyReport('6f1d7c1e-8a3b-4b59-9a0e-2d3f6c1b9a10', { year: 2025, kind: 'yearly' }, '2025-10-01T08:00:00.000Z');
  report.membership.workers = 120;
  report.membership.members = 100;
  return report;
};

function standing(doc: ReportDocument, sync: LocalReportSync, language: Language = 'vi'): string {
  const lifecycle = reportLifecycle({ document: doc, sync });
  return render(createElement(ReportStanding, { reportId: doc.id, lifecycle, sync, variant: 'full' }), language);
}

const returned = { status: 'returned' as const, comment: 'Bổ sung số đoàn viên nữ', decidedAt: '2025-11-01T00:00:00Z' };

describe('ReportStanding: one label, one sentence, one primary action', () => {
  it('names each stage in Vietnamese with exactly one primary action', () => {
    const doc = document();
    const ready = { ...doc, status: 'ready' as const };
    const cases: [string, ReportDocument, LocalReportSync, string, string][] = [
      ['draftLocal', doc, neverSynced(), 'Bản nháp — chỉ có trên máy này', 'Gửi báo cáo'],
      ['draftSaved', doc, synced({}, doc), 'Bản nháp — đã lưu trên máy chủ', 'Gửi báo cáo'],
      ['draftSaved', doc, synced({ pending: true }, doc), 'Bản nháp — đã lưu trên máy chủ', 'Gửi báo cáo'],
      ['sent', ready, synced({}, ready), 'Đã gửi, chờ duyệt', 'Xem và in'],
      ['accepted', ready, synced({ review: { status: 'accepted', comment: '', decidedAt: '2025-11-01T00:00:00Z' } }, ready), 'Đã được chấp nhận', 'Xem và in'],
      ['returned', ready, synced({ review: returned }, ready), 'Bị trả lại', 'Sửa và gửi lại'],
      ['fixing', doc, synced({ pending: true, review: returned }, doc), 'Đang sửa để gửi lại', 'Gửi lại báo cáo'],
      ['conflict', doc, synced({ pending: true, conflict: serverCopy(doc, '4') }, doc), 'Cần bạn quyết định', 'Xem và quyết định'],
      ['refused', doc, synced({ pending: true, refusal: { error: 'validation_failed', message: 'x' } }, doc), 'Máy chủ không nhận', 'Sửa báo cáo'],
    ];
    for (const [stage, report, sync, label, action] of cases) {
      const html = standing(report, sync);
      expect(html).toContain(`data-stage="${stage}"`);
      expect(html).toContain(label);
      expect(html.match(/data-testid="primary-action"/g)).toHaveLength(1);
      expect(html).toMatch(new RegExp(`data-testid="primary-action"[^>]*>${action}<`));
      // The old competing words are gone.
      expect(html).not.toContain('Sẵn sàng gửi');
      expect(html).not.toContain('LĐLĐ huyện');
    }
  });

  it("puts the superior's comment first on a returned report, and keeps it while it is fixed", () => {
    const ready = { ...document(), status: 'ready' as const };
    const html = standing(ready, synced({ review: returned }, ready));
    expect(html).toContain('Ý kiến của công đoàn cấp trên:');
    expect(html.indexOf('superior-comment')).toBeLessThan(html.indexOf('primary-action'));
    const reopened = document();
    expect(standing(reopened, synced({ pending: true, review: returned }, reopened))).toContain('Bổ sung số đoàn viên nữ');
  });

  it('says why fields are locked', () => {
    const ready = { ...document(), status: 'ready' as const };
    expect(standing(ready, synced({}, ready))).toContain('Các ô đang khoá vì báo cáo đã gửi.');
    expect(standing(document(), synced({}, document()))).not.toContain('locked-note');
  });

  it('explains a refusal with the field names the form uses', () => {
    const doc = document();
    const html = standing(
      doc,
      synced(
        {
          pending: true,
          refusal: {
            error: 'validation_failed',
            message: 'x',
            details: [{ path: 'membership.members', code: 'membersAboveWorkers', message: 'x' }],
          },
        },
        doc,
      ),
    );
    expect(html).toContain('Máy chủ không nhận vì báo cáo còn lỗi ở: Số đoàn viên');
  });

  it('links a report refused for a period the union already has to the existing report', () => {
    const doc = document();
    const html = standing(
      doc,
      synced(
        {
          pending: true,
          refusal: { error: 'period_taken', message: 'x', details: { existingReportId: 'a1b2c3d4-0000-4000-8000-000000000001' } },
        },
        doc,
      ),
    );
    expect(html).toContain('Công đoàn đã có một báo cáo khác cho kỳ này trên máy chủ');
    expect(html).toContain('href="#/report/a1b2c3d4-0000-4000-8000-000000000001"');
    expect(html).toContain('Mở báo cáo đó');
  });

  it('links "Xem và in" to the print view, and speaks English when asked', () => {
    const ready = { ...document(), status: 'ready' as const };
    expect(standing(ready, synced({}, ready))).toContain(`href="#/print/${ready.id}"`);
    const doc = document();
    const english = standing(doc, synced({ pending: true, conflict: serverCopy(doc, '4') }, doc), 'en');
    expect(english).toContain('Needs your decision');
    expect(english).toContain('Review and decide');
  });
});
