/**
 * Issue 21, the superior's review used as a whole, in Chromium on the production build served by the
 * real server (SQLite): an officer's phone (360 × 740, touch) and the reviewer's dashboard, driven
 * through their screens. The phone sends; the reviewer returns it with a comment; the phone's card
 * shows that comment and the "Sửa và gửi lại" it names, which opens the report to fix; the phone sends
 * again; the reviewer sees what changed since the return (not the last two autosaves), with the form's
 * labels, the figures before the history and the sends apart from the autosaved drafts, and accepts
 * with a comment, which the phone shows; the reviewer withdraws the acceptance with a reason, which
 * the phone shows too, and the history keeps all three.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/helpers';
import { expectAccessibleScreen, expectNoSeriousAxeViolations } from './support/accessibility';
import { waitForAttributes } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { enrolThroughScreen, fillAndWaitSaved, reportIdOf } from './support/officerApp';
import { lastReportableYear, openPhoneAndDesk } from './support/staffApp';
import { distDir } from './support/staticServer';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

/** The phone's card of a report on the list, once it shows `stage` (after "Kiểm tra phản hồi"). */
async function cardAt(page: Page, reportId: string, stage: string) {
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('check-replies').click();
  const card = page.locator(`[data-testid="report-item"][data-report-id="${reportId}"]`);
  await card.locator(`[data-testid="report-standing"][data-stage="${stage}"]`).waitFor();
  return card;
}

/** The staff report screen, read afresh from the server. */
async function openReview(staffPage: Page, reportId: string) {
  const address = `${server.url}/#/staff/report/${reportId}`;
  if (staffPage.url() === address) await staffPage.reload();
  else await staffPage.goto(address);
  await staffPage.getByTestId('staff-report').waitFor();
}

const linesOf = async (staffPage: Page) =>
  (await staffPage.getByTestId('diff-line').allInnerTexts()).map((line) => line.replace(/\s+/g, ' ').trim());

describe("the superior's review and the officer's phone, round trip", () => {
  it('return with a comment, fix from the card, accept with a comment, withdraw with a reason: each reaches the phone', async () => {
    const union = await server.createUnion('CĐCS Công ty May Tây Ninh');
    const { code } = await server.issueCode(union.id);
    const superior = server.root.name;
    const reviewer = await server.staffSession({ role: 'reviewer' });

    const { page, staffPage, csp, staffCsp, close } = await openPhoneAndDesk(browser, reviewer.headers);
    try {

      // The phone drafts (several autosaves reach the server) and sends.
      await page.goto(server.url);
      await enrolThroughScreen(page, { serverUrl: server.url, code });
      await page.goto(`${server.url}/#/`);
      const year = lastReportableYear();
      await page.getByTestId('create-year').selectOption(String(year));
      await page.getByTestId('create-report').click();
      await page.waitForURL(/#\/report\/[^/]+/);
      const reportId = reportIdOf(page.url());
      const steps: Record<string, string>[] = [{ 'membership.workers': '300' }, { 'membership.members': '250' }, { 'membership.femaleMembers': '100' }];
      for (const fields of steps) {
        await fillAndWaitSaved(page, fields);
        await page.locator('.editor-head [data-testid="report-standing"][data-stage="draftSaved"][data-unsent="false"]').waitFor();
      }
      await page.getByTestId('primary-action').click();
      await page.locator('.editor-head [data-testid="report-standing"][data-stage="sent"]').waitFor();
      const draftsBefore = (await server.store.listRevisions(reportId)).filter((revision) => revision.status === 'draft').length;
      // Autosaves reached the server before the send: each is a revision, none is a send.
      expect(draftsBefore).toBeGreaterThanOrEqual(2);

      // The reviewer: one send (the autosaves are not "lần gửi"), the figures before the history.
      await openReview(staffPage, reportId);
      expect(await staffPage.getByTestId('report-sends').innerText()).toBe('1 lần gửi');
      expect(await staffPage.getByTestId('revision').count()).toBe(1);
      const drafts = staffPage.getByTestId('draft-revisions');
      expect(await drafts.locator('summary').innerText()).toBe(`Bản nháp tự lưu (${draftsBefore})`);
      expect(await drafts.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
      const figuresTop = (await staffPage.getByTestId('report-section-membership').boundingBox())!.y;
      expect(figuresTop).toBeLessThan((await staffPage.getByTestId('revision-history').boundingBox())!.y);
      expect(figuresTop).toBeLessThan((await staffPage.getByTestId('decision-history').boundingBox())!.y);

      // Returned with a comment.
      const comment = 'Đề nghị bổ sung số đoàn viên nữ theo biên bản đại hội.';
      await staffPage.getByLabel('Nhận xét').fill(comment);
      await staffPage.getByTestId('review-return').click();
      await staffPage.locator('[data-testid="review-decision"][data-status="returned"]').waitFor();

      // The phone's card: the comment, and the one action its sentence names.
      const returnedCard = await cardAt(page, reportId, 'returned');
      expect(await returnedCard.getByTestId('superior-comment').innerText()).toBe(`Ý kiến của ${superior}: ${comment}`);
      expect(await returnedCard.getByTestId('standing-sentence').innerText()).toContain('Bấm “Sửa và gửi lại”');
      const fix = returnedCard.getByTestId('primary-action');
      expect(await fix.innerText()).toBe('Sửa và gửi lại');
      await expectAccessibleScreen(page, 'the list, a returned report');
      await fix.click();
      // It opens the report, unlocked, to fix.
      await page.waitForURL(new RegExp(`#/report/${reportId}`));
      await page.locator('.editor-head [data-testid="report-standing"][data-stage="fixing"]').waitFor();
      expect(await page.getByTestId('field-membership.femaleMembers').isEditable()).toBe(true);
      await fillAndWaitSaved(page, { 'membership.femaleMembers': '120' });
      await fillAndWaitSaved(page, { 'membership.newMembers': '12' });
      await page.getByTestId('primary-action').click();
      await page.locator('.editor-head [data-testid="report-standing"][data-stage="resent"]').waitFor();

      // The reviewer opens on what changed since the return, in the form's words: not the last two autosaves.
      await openReview(staffPage, reportId);
      expect(await staffPage.getByTestId('report-sends').innerText()).toBe('2 lần gửi');
      const basis = staffPage.getByTestId('diff-basis');
      expect(await basis.getAttribute('data-basis')).toBe('decision');
      expect(await basis.innerText()).toMatch(/^Từ bản đã bị trả lại \(bản \d+, trả lại lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\) đến lần gửi mới nhất\.$/);
      await staffPage.getByTestId('revision-diff').waitFor();
      expect(await linesOf(staffPage)).toEqual(['Trong đó: đoàn viên nữ 100 120', 'Đoàn viên kết nạp mới trong kỳ — 12']);
      const diffText = await staffPage.getByTestId('revision-diff').innerText();
      expect(diffText).not.toMatch(/[a-z][A-Za-z]*\.[a-z]/);
      await expectNoSeriousAxeViolations(staffPage, 'the review of a report sent again');

      // Accepted with a comment: the phone shows it, on the card and in the editor.
      const praise = 'Số liệu đầy đủ, cảm ơn công đoàn.';
      await staffPage.getByLabel('Nhận xét').fill(praise);
      await staffPage.getByTestId('review-accept').click();
      await staffPage.locator('[data-testid="review-decision"][data-status="accepted"]').waitFor();
      const acceptedCard = await cardAt(page, reportId, 'accepted');
      expect(await acceptedCard.getByTestId('superior-comment').innerText()).toBe(`Ý kiến của ${superior}: ${praise}`);
      await acceptedCard.getByTestId('report-open').click();
      const editorAccepted = page.locator('.editor-head [data-testid="report-standing"][data-stage="accepted"]');
      await editorAccepted.waitFor();
      expect(await editorAccepted.getByTestId('superior-comment').innerText()).toBe(`Ý kiến của ${superior}: ${praise}`);
      // Not marked "changed since it was returned" any more: the acceptance's comment is not a return's.
      expect(await page.getByTestId('changed-count').count()).toBe(0);

      // Accepted by mistake: withdrawn, with a reason (required).
      await openReview(staffPage, reportId);
      await staffPage.getByTestId('withdraw-acceptance').click();
      expect(await staffPage.getByTestId('review-message').innerText()).toBe('Vui lòng nhập lý do rút lại việc chấp nhận.');
      const reason = 'Chấp nhận nhầm: cần đối chiếu số đoàn viên nữ với danh sách.';
      await staffPage.getByLabel('Lý do rút lại việc chấp nhận').fill(reason);
      await staffPage.getByTestId('withdraw-acceptance').click();
      await staffPage.locator('[data-testid="review-decision"][data-status="withdrawn"]').waitFor();
      expect(await staffPage.getByTestId('report-standing').innerText()).toBe('Đã gửi');
      // The reviewer may decide again; the history keeps the return, the acceptance and its withdrawal.
      await staffPage.getByTestId('review-accept').waitFor();
      await waitForAttributes(staffPage, '[data-testid="decision-row"]', 'data-status', ['returned', 'accepted', 'withdrawn']);
      expect(await staffPage.locator('[data-testid="decision-row"][data-status="withdrawn"] [data-testid="decision-comment"]').innerText()).toBe(reason);
      expect(await staffPage.locator('[data-testid="decision-row"][data-status="withdrawn"] [data-testid="decision-status"]').innerText()).toBe('Rút lại việc chấp nhận');
      await expectNoSeriousAxeViolations(staffPage, 'the review after a withdrawn acceptance');

      // The phone: waiting for review again, with the reason.
      const withdrawnCard = await cardAt(page, reportId, 'acceptanceWithdrawn');
      expect(await withdrawnCard.getByTestId('standing-label').innerText()).toBe('↺ Đã rút lại việc chấp nhận, chờ duyệt lại');
      expect(await withdrawnCard.getByTestId('superior-comment').innerText()).toBe(`Lý do ${superior} rút lại việc chấp nhận: ${reason}`);
      await expectAccessibleScreen(page, 'the list, an acceptance withdrawn');
      await withdrawnCard.getByTestId('report-open').click();
      const editorWithdrawn = page.locator('.editor-head [data-testid="report-standing"][data-stage="acceptanceWithdrawn"]');
      await editorWithdrawn.waitFor();
      expect(await editorWithdrawn.getAttribute('data-locked')).toBe('true');
      expect(await editorWithdrawn.getByTestId('superior-comment').innerText()).toContain(reason);
      expect(csp).toEqual([]);
      expect(staffCsp).toEqual([]);
    } finally {
      await close();
    }
  });
});
