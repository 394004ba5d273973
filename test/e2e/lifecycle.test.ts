/**
 * Issue 10, through the real screens on a 360 × 740 touch phone: the production build served by the
 * real server (SQLite), in Debian Chromium. One report lives its whole life — drafted, saved on the
 * server, sent, returned with a comment, fixed in two taps, sent again, accepted, deleted from the
 * phone — and at each stage the screen says one thing: one status text, one primary action, and
 * fields that are locked or not. Each confusing case the issue lists has its own assertion, written
 * against what today's screens said; axe-core and the touch-target check run on every screen.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { vietnamDate } from '../../src/domain/calendar';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from '../../src/domain/period';
import type { ReportDocument } from '../../src/domain/report';
import { startTestServer, type TestServer } from '../server/helpers';
import { expectAccessibleScreen, newPhoneContext } from './support/accessibility';
import { waitForText, watchCspViolations } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { enrolThroughScreen, fillAndWaitSaved } from './support/officerApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

async function enrol(page: Page, unionName: string, { checkScreen = false } = {}): Promise<void> {
  const { code } = await server.createUnionWithCode({ name: unionName });
  await enrolThroughScreen(page, { serverUrl: server.url, code }, checkScreen ? () => expectAccessibleScreen(page, 'the enrolment form') : undefined);
}

/** The one status card of the screen, once it shows `stage`. */
async function standingAt(page: Page, stage: string, scope = 'body') {
  const card = page.locator(`${scope} [data-testid="report-standing"][data-stage="${stage}"]`);
  await card.waitFor();
  return card;
}

/** What the editor shows now: one status card, its text, its one primary action, whether fields are locked. */
async function editorState(page: Page, stage: string) {
  const card = await standingAt(page, stage, '.editor-head');
  expect(await page.getByTestId('report-standing').count()).toBe(1);
  const actions = page.getByTestId('primary-action');
  expect(await actions.count()).toBe(1);
  const locked = (await card.getAttribute('data-locked')) === 'true';
  // Where the section has a field, it is as locked as the card says.
  const field = page.locator('[data-testid="section-panel-membership"] [data-testid="field-membership.members"]');
  if ((await field.count()) > 0) {
    expect(await field.isEditable()).toBe(!locked);
    // Locked fields look locked (they used to look editable on a returned report).
    const border = await field.evaluate((element) => getComputedStyle(element).borderTopStyle);
    expect(border).toBe(locked ? 'dashed' : 'solid');
  }
  return {
    label: await card.getByTestId('standing-label').innerText(),
    sentence: await card.getByTestId('standing-sentence').innerText(),
    action: await actions.innerText(),
    locked,
    lockedNote: (await card.getByTestId('locked-note').count()) === 1,
  };
}

async function serverRecord(id: string) {
  const record = await server.store.findReport(id);
  return record ? { document: JSON.parse(record.documentJson) as ReportDocument, review: record.reviewJson } : null;
}

function listCard(page: Page, reportId: string) {
  return page.locator(`[data-testid="report-item"][data-report-id="${reportId}"]`);
}

describe('the life of one report, on a phone', () => {
  it('says one thing at every stage, from the first draft to acceptance', async () => {
    const context = await newPhoneContext(browser);
    try {
      const page = await context.newPage();
      const csp = watchCspViolations(page);
      await page.goto(server.url);
      await page.getByTestId('create-report').waitFor();
      await expectAccessibleScreen(page, 'the empty list');

      // Enrolling ends with "Về danh sách báo cáo", which used to open Settings.
      await enrol(page, 'CĐCS Công ty May Tây Ninh', { checkScreen: true });
      // From then on the sentences name the union's superior (here the province, the root of the tree).
      const superior = server.root.name;
      await expectAccessibleScreen(page, 'enrolment done');
      await page.getByRole('link', { name: 'Về danh sách báo cáo' }).click();
      await page.getByTestId('create-report').waitFor();
      expect(new URL(page.url()).hash).toBe('#/');

      // The form proposes the report that is due: last year's yearly report, not the current year's.
      const dueYear = Math.min(Math.max(Number(vietnamDate(Date.now()).slice(0, 4)) - 1, FIRST_REPORT_YEAR), LAST_REPORT_YEAR);
      expect(await page.getByTestId('create-year').inputValue()).toBe(String(dueYear));
      expect(await page.getByTestId('create-kind').inputValue()).toBe('yearly');
      await page.getByTestId('create-report').click();
      await page.waitForURL(/#\/report\/[^/]+/);
      const reportId = decodeURIComponent(/#\/report\/([^/]+)/.exec(page.url())![1]!);

      // Drafting, and once the engine pushed it, saved on the server.
      await fillAndWaitSaved(page, { 'membership.workers': '300', 'membership.members': '250' });
      const saved = await editorState(page, 'draftSaved');
      expect(saved).toEqual({
        label: '✎ Bản nháp — đã lưu trên máy chủ',
        sentence: `Máy chủ đã giữ một bản nháp, nhưng ${superior} chưa nhận để duyệt. Xong thì bấm “Gửi báo cáo”.`,
        action: 'Gửi báo cáo',
        locked: false,
        lockedNote: false,
      });
      // An edit not yet pushed: the badge used to fall back to "Chỉ trên máy này" though the server holds a copy.
      await fillAndWaitSaved(page, { 'membership.femaleMembers': '100' });
      expect((await editorState(page, 'draftSaved')).label).toBe('✎ Bản nháp — đã lưu trên máy chủ');
      expect(await page.locator('body').innerText()).not.toContain('Chỉ trên máy này');
      await expectAccessibleScreen(page, 'the editor, drafting');

      // The whole report can be read before sending: "Xem trước" leads to the print view's address.
      expect(await page.getByTestId('preview-link').getAttribute('href')).toBe(`#/print/${reportId}`);

      // The review section: its issues, and the same card, not two sentences of its own.
      await page.getByTestId('section-review').click();
      await page.getByTestId('section-panel-review').waitFor();
      expect((await editorState(page, 'draftSaved')).action).toBe('Gửi báo cáo');
      await expectAccessibleScreen(page, 'the review section, drafting');

      // Sending is called sending, and is one tap.
      await page.getByTestId('primary-action').click();
      const sent = await editorState(page, 'sent');
      expect(sent).toEqual({
        label: '✉ Đã gửi, chờ duyệt',
        sentence: `${superior} đã nhận báo cáo và đang xem xét. Kết quả sẽ tự hiện ở đây.`,
        action: 'Xem và in',
        locked: true,
        lockedNote: true,
      });
      expect((await serverRecord(reportId))?.document.status).toBe('ready');
      // Today's screens said "Sẵn sàng gửi" beside "Đã gửi LĐLĐ huyện", and the review section said
      // both "can be marked ready" and "is ready".
      const sentText = await page.locator('body').innerText();
      for (const old of ['Sẵn sàng gửi', 'sẵn sàng gửi', 'Đánh dấu', 'LĐLĐ huyện']) expect(sentText).not.toContain(old);
      await expectAccessibleScreen(page, 'the review section, sent');

      // The list says the same words.
      await page.getByTestId('nav-reports').click();
      const item = listCard(page, reportId);
      await item.locator('[data-testid="report-standing"][data-stage="sent"]').waitFor();
      expect(await item.getByTestId('standing-label').innerText()).toBe(sent.label);
      expect(await item.getByTestId('standing-sentence').innerText()).toBe(sent.sentence);
      expect(await item.innerText()).not.toContain('Sẵn sàng gửi');
      await expectAccessibleScreen(page, 'the list, sent');

      // Returned: the decision arrives when the officer opens the list, without "Gửi ngay".
      const comment = 'Đề nghị bổ sung số đoàn viên nữ.';
      await server.reviewReport(reportId, 'returned', comment);
      await page.getByTestId('nav-settings').click();
      await expectAccessibleScreen(page, 'settings');
      await page.getByTestId('nav-reports').click();
      await item.locator('[data-testid="report-standing"][data-stage="returned"]').waitFor();
      await item.getByTestId('report-open').click();

      // The comment at the top, before the first field; the fields locked; the way to fix it named.
      const returnedCard = await standingAt(page, 'returned', '.editor-head');
      expect(await returnedCard.getByTestId('superior-comment').innerText()).toBe(`Ý kiến của ${superior}: ${comment}`);
      const returned = await editorState(page, 'returned');
      expect(returned).toMatchObject({ label: '↩ Bị trả lại', action: 'Sửa và gửi lại', locked: true, lockedNote: true });
      const commentBox = await returnedCard.getByTestId('superior-comment').boundingBox();
      const firstField = await page.getByTestId('field-membership.workers').boundingBox();
      expect(commentBox!.y).toBeLessThan(firstField!.y);
      expect(await page.locator('body').innerText()).not.toMatch(/sẵn sàng/i);
      await expectAccessibleScreen(page, 'the editor, returned');

      // Tap 1: "Sửa và gửi lại" unlocks.
      await page.getByTestId('primary-action').click();
      const fixing = await editorState(page, 'fixing');
      expect(fixing).toMatchObject({ label: '✎ Đang sửa để gửi lại', action: 'Gửi lại báo cáo', locked: false, lockedNote: false });
      await fillAndWaitSaved(page, { 'membership.femaleMembers': '120' });
      // The changed field is marked in words; the comment stays in view while fixing.
      expect(await page.getByTestId('changed-membership.femaleMembers').innerText()).toBe('✎ Đã sửa sau khi bị trả lại');
      expect(await page.getByTestId('changed-membership.members').count()).toBe(0);
      // And its step's chip, in words too; a step not changed has no mark.
      await waitForText(page.getByTestId('section-membership').locator('.chip-changed'), '✎Đã sửa sau khi bị trả lại');
      expect(await page.getByTestId('section-dialogues').locator('.chip-changed').count()).toBe(0);
      expect(await page.getByTestId('superior-comment').innerText()).toContain(comment);
      await expectAccessibleScreen(page, 'the editor, fixing');

      // Tap 2: sent again.
      await page.getByTestId('primary-action').click();
      const resent = await editorState(page, 'resent');
      expect(resent).toMatchObject({ label: '✉ Đã gửi lại, chờ duyệt', action: 'Xem và in', locked: true });
      const held = await serverRecord(reportId);
      expect(held?.document).toMatchObject({ status: 'ready', membership: { femaleMembers: 120 } });
      expect(held?.review).toBeNull();

      // Accepted: "Kiểm tra phản hồi" brings it, and only pulls.
      await server.reviewReport(reportId, 'accepted');
      await page.getByTestId('nav-reports').click();
      await item.waitFor();
      await page.getByTestId('check-replies').click();
      await item.locator('[data-testid="report-standing"][data-stage="accepted"]').waitFor();
      await page.locator('[data-testid="check-replies-result"]', { hasText: /^Đã kiểm tra lúc \d{2}:\d{2}/ }).waitFor();
      await expectAccessibleScreen(page, 'the list, accepted');
      await item.getByTestId('report-open').click();
      const accepted = await editorState(page, 'accepted');
      expect(accepted).toEqual({
        label: '✔ Đã được chấp nhận',
        sentence: `${superior} đã chấp nhận báo cáo. Báo cáo không sửa được nữa.`,
        action: 'Xem và in',
        locked: true,
        lockedNote: true,
      });
      // Today's screen said "Sẵn sàng gửi" beside "Đã được chấp nhận".
      expect(await page.locator('body').innerText()).not.toContain('Sẵn sàng gửi');
      expect(await page.getByTestId('primary-action').getAttribute('href')).toBe(`#/print/${reportId}`);
      expect(await page.getByTestId('withdraw').count()).toBe(0);
      await page.getByTestId('section-dialogues').click();
      expect(await page.getByTestId('dialogue-add').isDisabled()).toBe(true);
      await expectAccessibleScreen(page, 'the editor, accepted');

      // Deleting says what goes and what stays, and asks twice for an accepted report.
      await page.getByTestId('nav-reports').click();
      // A quiet button, not the card-wide red "Xoá" of before.
      const deleteBox = await item.getByTestId('report-delete').boundingBox();
      expect(deleteBox!.width).toBeLessThan(240);
      expect(await item.getByTestId('report-delete').innerText()).toBe('Xoá khỏi máy này');
      await item.getByTestId('report-delete').click();
      const question = item.getByTestId('report-delete-question');
      expect(await question.getAttribute('data-step')).toBe('first');
      expect(await question.innerText()).toContain(
        `Xoá bản trên máy này của “Báo cáo năm ${dueYear}”? Bản trên máy chủ và quyết định của ${superior} vẫn còn nguyên.`,
      );
      await expectAccessibleScreen(page, 'the list, asking to delete');
      await item.getByTestId('report-delete-confirm').click();
      await item.locator('[data-testid="report-delete-question"][data-step="second"]').waitFor();
      expect(await item.getByTestId('report-delete-question').innerText()).toContain('đã gửi đi. Chắc chắn xoá bản trên máy này?');
      await item.getByTestId('report-delete-confirm').click();
      await item.waitFor({ state: 'detached' });
      expect((await serverRecord(reportId))?.review).toContain('accepted');
      expect(csp).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('brings the decision when the app comes back to the foreground', async () => {
    const context = await newPhoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await enrol(page, 'CĐCS Trường Tiểu học Hòa Thành');
      await page.goto(`${server.url}/#/`);
      await page.getByTestId('create-report').click();
      await page.waitForURL(/#\/report\/[^/]+/);
      const reportId = decodeURIComponent(/#\/report\/([^/]+)/.exec(page.url())![1]!);
      await fillAndWaitSaved(page, { 'membership.workers': '40', 'membership.members': '38' });
      await page.getByTestId('primary-action').click();
      await standingAt(page, 'sent', '.editor-head');

      await server.reviewReport(reportId, 'returned', 'Thiếu số liệu tuyên truyền.');
      // The officer switches back to the app on this screen: no tap, no list opened.
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      const card = await standingAt(page, 'returned', '.editor-head');
      expect(await card.getByTestId('superior-comment').innerText()).toContain('Thiếu số liệu tuyên truyền.');
    } finally {
      await context.close();
    }
  });

  it('refuses to send a report with errors, saying why, on the review section', async () => {
    const context = await newPhoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByTestId('create-report').click();
      await page.waitForURL(/#\/report\/[^/]+/);
      // Not connected: the draft is only on this phone, and the card says so.
      const local = await editorState(page, 'draftLocal');
      expect(local).toMatchObject({ label: '✎ Bản nháp — chỉ có trên máy này', action: 'Gửi báo cáo', locked: false });
      await page.getByTestId('primary-action').click();
      await page.getByTestId('section-panel-review').waitFor();
      expect(await page.getByTestId('status-error').innerText()).toBe('Chưa gửi được: còn 2 lỗi cần sửa (xem danh sách dưới đây).');
      expect(await page.getByTestId('mark-ready-reasons').innerText()).toContain('Chưa gửi được vì còn lỗi:');
      expect((await editorState(page, 'draftLocal')).locked).toBe(false);
      await expectAccessibleScreen(page, 'the review section with errors');

      // Sent on a phone that is not connected: it waits, locked, and the one action is to connect.
      await page.getByTestId('section-membership').click();
      await fillAndWaitSaved(page, { 'membership.workers': '40', 'membership.members': '38' });
      // Fixed: the "not sent" message goes with the errors.
      expect(await page.getByTestId('status-error').count()).toBe(0);
      await page.getByTestId('primary-action').click();
      const queued = await editorState(page, 'queued');
      expect(queued).toMatchObject({ label: '… Chờ gửi', action: 'Kết nối với công đoàn cấp trên', locked: true, lockedNote: true });
      expect(await page.getByTestId('primary-action').getAttribute('href')).toBe('#/enrol');
      await expectAccessibleScreen(page, 'the editor, waiting to send');
      await page.getByTestId('withdraw').click();
      expect((await editorState(page, 'draftLocal')).locked).toBe(false);

      await page.getByTestId('nav-profile').click();
      await page.locator('#profile-unionName').waitFor();
      await expectAccessibleScreen(page, 'the union profile');
      await page.getByTestId('nav-backup').click();
      await page.getByTestId('backup-export').waitFor();
      await expectAccessibleScreen(page, 'backup');

      // A draft that never left the phone: deleting it says it is gone for good, and asks once.
      await page.getByTestId('nav-reports').click();
      await page.getByTestId('report-delete').click();
      expect(await page.getByTestId('report-delete-question').innerText()).toContain('Báo cáo chưa từng lên máy chủ: xoá là mất hẳn.');
      await page.getByTestId('report-delete-confirm').click();
      await page.getByTestId('report-item').waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });
});
