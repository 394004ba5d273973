/** What the officer reads on each report and in the sync line, rendered to HTML as the app renders it. */
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import ConflictResolver from '../../../src/app/features/sync/ConflictResolver';
import { ReportStanding } from '../../../src/app/features/reports/ReportStanding';
import { SyncPanel, SyncPanelView } from '../../../src/app/features/sync';
import { loadSyncMessages } from '../../../src/app/features/sync/messages';
import { I18nProvider, loadMessages, type Messages } from '../../../src/app/i18n';
import { emptyReport, type ReportDocument } from '../../../src/domain/report';
import { reportLifecycle } from '../../../src/domain/lifecycle';
import { neverSynced, type LocalReportSync, type ServerReport } from '../../../src/domain/sync';

const messages: Record<'vi' | 'en', Messages> = { vi: await loadMessages('vi'), en: await loadMessages('en') };
// English sync texts load on first use in the app; here they are loaded up front.
await loadSyncMessages('en');

function render(node: ReactNode, language: 'vi' | 'en' = 'vi'): string {
  return renderToStaticMarkup(
    createElement(I18nProvider, { language, messages: messages[language], setLanguage: () => undefined }, node),
  );
}

const document = (): ReportDocument => {
  const report = emptyReport('6f1d7c1e-8a3b-4b59-9a0e-2d3f6c1b9a10', { year: 2025, kind: 'yearly' }, '2025-10-01T08:00:00.000Z');
  report.membership.workers = 120;
  report.membership.members = 100;
  return report;
};

function serverCopy(doc: ReportDocument, revision = '3'): ServerReport {
  return { document: doc, revision, unionId: 'u1', review: null, savedAt: '2025-10-02T08:00:00.000Z' };
}

const synced = (doc: ReportDocument, extra: Partial<LocalReportSync> = {}): LocalReportSync => ({
  ...neverSynced(),
  serverRevision: '3',
  base: doc,
  pending: false,
  ...extra,
});

function standing(doc: ReportDocument, sync: LocalReportSync, language: 'vi' | 'en' = 'vi'): string {
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
      ['draftSaved', doc, synced(doc), 'Bản nháp — đã lưu trên máy chủ', 'Gửi báo cáo'],
      ['draftSaved', doc, synced(doc, { pending: true }), 'Bản nháp — đã lưu trên máy chủ', 'Gửi báo cáo'],
      ['sent', ready, synced(ready), 'Đã gửi, chờ duyệt', 'Xem và in'],
      ['accepted', ready, synced(ready, { review: { status: 'accepted', comment: '', decidedAt: '2025-11-01T00:00:00Z' } }), 'Đã được chấp nhận', 'Xem và in'],
      ['returned', ready, synced(ready, { review: returned }), 'Bị trả lại', 'Sửa và gửi lại'],
      ['fixing', doc, synced(doc, { pending: true, review: returned }), 'Đang sửa để gửi lại', 'Gửi lại báo cáo'],
      ['conflict', doc, synced(doc, { pending: true, conflict: serverCopy(doc, '4') }), 'Cần bạn quyết định', 'Xem và quyết định'],
      ['refused', doc, synced(doc, { pending: true, refusal: { error: 'validation_failed', message: 'x' } }), 'Máy chủ không nhận', 'Sửa báo cáo'],
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
    const html = standing(ready, synced(ready, { review: returned }));
    expect(html).toContain('Ý kiến của công đoàn cấp trên:');
    expect(html.indexOf('superior-comment')).toBeLessThan(html.indexOf('primary-action'));
    const reopened = document();
    expect(standing(reopened, synced(reopened, { pending: true, review: returned }))).toContain('Bổ sung số đoàn viên nữ');
  });

  it('says why fields are locked', () => {
    const ready = { ...document(), status: 'ready' as const };
    expect(standing(ready, synced(ready))).toContain('Các ô đang khoá vì báo cáo đã gửi.');
    expect(standing(document(), synced(document()))).not.toContain('locked-note');
  });

  it('explains a refusal with the field names the form uses', () => {
    const doc = document();
    const html = standing(
      doc,
      synced(doc, {
        pending: true,
        refusal: {
          error: 'validation_failed',
          message: 'x',
          details: [{ path: 'membership.members', code: 'membersAboveWorkers', message: 'x' }],
        },
      }),
    );
    expect(html).toContain('Máy chủ không nhận vì báo cáo còn lỗi ở: Số đoàn viên');
  });

  it('links a report refused for a period the union already has to the existing report', () => {
    const doc = document();
    const html = standing(
      doc,
      synced(doc, {
        pending: true,
        refusal: { error: 'period_taken', message: 'x', details: { existingReportId: 'a1b2c3d4-0000-4000-8000-000000000001' } },
      }),
    );
    expect(html).toContain('Công đoàn đã có một báo cáo khác cho kỳ này trên máy chủ');
    expect(html).toContain('href="#/report/a1b2c3d4-0000-4000-8000-000000000001"');
    expect(html).toContain('Mở báo cáo đó');
  });

  it('links "Xem và in" to the print view, and speaks English when asked', () => {
    const ready = { ...document(), status: 'ready' as const };
    expect(standing(ready, synced(ready))).toContain(`href="#/print/${ready.id}"`);
    const doc = document();
    const english = standing(doc, synced(doc, { pending: true, conflict: serverCopy(doc, '4') }), 'en');
    expect(english).toContain('Needs your decision');
    expect(english).toContain('Review and decide');
  });
});

describe('SyncPanel', () => {
  const panel = (status: Parameters<typeof SyncPanelView>[0]['status']) =>
    render(createElement(SyncPanelView, { status, enrolHref: '#/enrol', sending: false, onSendNow: () => undefined }));

  it('draws nothing until the engine has loaded', () => {
    expect(render(createElement(SyncPanel, { enrolHref: '#/enrol' }))).toBe('');
  });

  it('before enrolment, says reports stay on the phone and links to enrolment', () => {
    const html = panel({ state: 'unenrolled', lastSyncAt: null, retryAt: null });
    expect(html).toContain('Máy này chưa kết nối với công đoàn cấp trên');
    expect(html).toContain('href="#/enrol"');
    expect(html).toContain('Kết nối với công đoàn cấp trên');
  });

  it('shows the last sync time in Vietnamese form and the "Gửi ngay" button', () => {
    const lastSyncAt = new Date(2025, 10, 20, 9, 5).toISOString();
    const html = panel({ state: 'idle', lastSyncAt, retryAt: null });
    expect(html).toContain('Đồng bộ lần cuối: 20/11/2025 09:05');
    expect(html).toContain('Gửi ngay');
  });

  it('says when it will retry while offline, and asks to enrol again when the token was revoked', () => {
    const retryAt = new Date(2025, 10, 20, 9, 7, 30).getTime();
    const offline = panel({ state: 'offline', lastSyncAt: null, retryAt });
    expect(offline).toContain('Chưa có kết nối');
    expect(offline).toContain('Thử lại lúc 09:07:30');
    expect(panel({ state: 'unauthorized', lastSyncAt: null, retryAt: null })).toContain('Đăng ký lại');
  });
});

describe('ConflictResolver', () => {
  it('lists only the fields both sides changed, this phone beside the server, with vi-VN numbers', () => {
    const base = document();
    const local = { ...base, membership: { ...base.membership, members: 1_105, femaleMembers: 40 } };
    const remote = { ...base, membership: { ...base.membership, members: 1_110 }, proposals: { text: 'Máy chủ' } };
    const html = render(
      createElement(ConflictResolver, {
        reportId: base.id,
        document: local,
        sync: synced(base, { pending: true, conflict: serverCopy(remote, '4') }),
      }),
    );
    expect(html).toContain('Số đoàn viên');
    expect(html).toContain('Trên máy này: <span class="sync-choice-value">1.105</span>');
    expect(html).toContain('Trên máy chủ: <span class="sync-choice-value">1.110</span>');
    expect(html).not.toContain('Trong đó: đoàn viên nữ');
    expect(html).not.toContain('Kiến nghị, đề xuất');
    expect(html).toContain('Còn 1 mục chưa chọn.');
  });
});
