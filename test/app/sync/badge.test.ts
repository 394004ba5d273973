/** What the officer reads on each report, rendered to HTML as the app renders it. */
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import ConflictResolver from '../../../src/app/features/sync/ConflictResolver';
import { SyncPanel, SyncPanelView, SyncStatusBadge } from '../../../src/app/features/sync';
import { loadSyncMessages } from '../../../src/app/features/sync/messages';
import { I18nProvider, loadMessages, type Messages } from '../../../src/app/i18n';
import { emptyReport, type ReportDocument } from '../../../src/domain/report';
import { neverSynced, type LocalReportSync, type ReportSyncPhase, type ServerReport } from '../../../src/domain/sync';

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

function badge(doc: ReportDocument, sync: LocalReportSync, language: 'vi' | 'en' = 'vi'): string {
  return render(createElement(SyncStatusBadge, { document: doc, sync }), language);
}

describe('SyncStatusBadge', () => {
  it('names each phase in Vietnamese', () => {
    const doc = document();
    const ready = { ...doc, status: 'ready' as const };
    const cases: [ReportSyncPhase, ReportDocument, LocalReportSync, string][] = [
      ['local', doc, neverSynced(), 'Chỉ trên máy này'],
      ['saved', doc, synced(doc), 'Đã lưu trên máy chủ'],
      ['sent', ready, synced(ready), 'Đã gửi công đoàn cấp trên'],
      ['accepted', ready, synced(ready, { review: { status: 'accepted', comment: '', decidedAt: '2025-11-01T00:00:00Z' } }), 'Đã được chấp nhận'],
      ['returned', ready, synced(ready, { review: { status: 'returned', comment: 'Thiếu số liệu', decidedAt: '2025-11-01T00:00:00Z' } }), 'Bị trả lại'],
      ['conflict', doc, synced(doc, { pending: true, conflict: serverCopy(doc, '4') }), 'Cần bạn quyết định'],
      ['refused', doc, synced(doc, { pending: true, refusal: { error: 'period_taken', message: 'x' } }), 'Bị từ chối'],
    ];
    for (const [phase, report, sync, label] of cases) {
      const html = badge(report, sync);
      expect(html).toContain(`data-phase="${phase}"`);
      expect(html).toContain(label);
    }
  });

  it("shows the district's comment on a returned report", () => {
    const ready = { ...document(), status: 'ready' as const };
    const html = badge(ready, synced(ready, { review: { status: 'returned', comment: 'Bổ sung số đoàn viên nữ', decidedAt: '2025-11-01T00:00:00Z' } }));
    expect(html).toContain('Ý kiến của công đoàn cấp trên:');
    expect(html).toContain('Bổ sung số đoàn viên nữ');
  });

  it("keeps the district's comment in view while the officer fixes the returned report", () => {
    const reopened = document();
    const html = badge(
      reopened,
      synced(reopened, { pending: true, review: { status: 'returned', comment: 'Bổ sung số đoàn viên nữ', decidedAt: '2025-11-01T00:00:00Z' } }),
    );
    expect(html).toContain('data-phase="local"');
    expect(html).toContain('data-testid="superior-comment"');
    expect(html).toContain('Bổ sung số đoàn viên nữ');
  });

  it('explains a refusal with the field names the form uses', () => {
    const doc = document();
    const html = badge(
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
    const html = badge(
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

  it('offers the decision on a conflict, and speaks English when asked', () => {
    const doc = document();
    const sync = synced(doc, { pending: true, conflict: serverCopy(doc, '4') });
    expect(badge(doc, sync)).toContain('Xem và quyết định');
    const english = badge(doc, sync, 'en');
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
