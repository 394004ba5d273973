/** The sync line, rendered to HTML as the app renders it. */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { SyncPanel, SyncPanelView } from '../../../../src/app/features/syncStatus';
import { render } from '../render';

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
    // 09:05 in Vietnam, shown as such whatever the machine's time zone.
    const lastSyncAt = new Date('2025-11-20T09:05:00+07:00').toISOString();
    const html = panel({ state: 'idle', lastSyncAt, retryAt: null });
    expect(html).toContain('Đồng bộ lần cuối: 20/11/2025 09:05');
    expect(html).toContain('Gửi ngay');
  });

  it('says when it will retry while offline, and asks to enrol again when the token was revoked', () => {
    const retryAt = Date.parse('2025-11-20T09:07:30+07:00');
    const offline = panel({ state: 'offline', lastSyncAt: null, retryAt });
    expect(offline).toContain('Chưa có kết nối');
    expect(offline).toContain('Thử lại lúc 09:07:30');
    expect(panel({ state: 'unauthorized', lastSyncAt: null, retryAt: null })).toContain('Đăng ký lại');
  });
});
