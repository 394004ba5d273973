/**
 * Issue 21: every target a finger or a mouse can hit is big enough, on every screen, measured in
 * Chromium on the production build served by the real server (SQLite), with data on every screen.
 * - The officer's phone (360 × 740): every target at least 44 × 44 CSS px, on the report list (empty,
 *   in an in-app browser, with reports and a round due, with the delete question open), the enrolment
 *   steps, every step of the editor and of a form report's editor (Mẫu 1-HĐCĐ), the editor of a report
 *   sent, the conflict panel, the print screen (a report sent, a draft with what is left, a report not there), the profile, the settings
 *   and the backup screen (with an import plan).
 * - The staff's desktop (1280 × 800), as admin, reviewer and viewer: at least 24 × 24 (WCAG 2.2,
 *   SC 2.5.8, without its exception for small targets spaced apart: the issue counted the 21 px sort
 *   buttons, spaced as they were), on the sign-in form, the province's node page (rounds, roll-up,
 *   period table, charts, unions, management), the summary report, a commune's node page, a CĐCS's
 *   page (its codes, a code just issued with its card, a question open), a report with its history, the
 *   forms list, a form's roll-up, the account screen and (admin) the audit log.
 * On both, no two targets touch. The test names every target that fails, with the screens it is on.
 * What is measured: every a[href], button, input, select, textarea, summary and ARIA widget, for a
 * checkbox, radio button or file input with a label the label, and what a script made clickable
 * (the pointer cursor): test/e2e/support/targetSizes.ts. Links in a sentence are exempt (INLINE_LINKS).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SECTION_IDS } from '../../src/app/formFields/reportForm';
import type { DialogueSession, ReportDocument } from '../../src/domain/report';
import { pushStored, readyReport, startTestServer, type TestServer } from '../server/helpers';
import { newPhoneContext } from './support/accessibility';
import { PHONE } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { checkEnrolmentCode, confirmEnrolment, createReport, fillAndWaitSaved, fillEnrolment, pressCheckCode } from './support/officerApp';
import { useStaffSession } from './support/staffApp';
import { distDir } from './support/staticServer';
import { measureTargets, targetProblems, type InlineLink } from './support/targetSizes';

let server: TestServer;
let browser: Browser;

serverAndBrowserPerFile(() => startTestServer({ distDir }), (started, launched) => {
  server = started;
  browser = launched;
});

/**
 * The only links measured as text (WCAG 2.5.8's "inline" exception): each sits in a sentence, its
 * height that of the line. The check in measureTargets holds them to it: alone in its block, such a
 * link is measured like any other.
 */
const INLINE_LINKS: InlineLink[] = [
  {
    selector: '.print-issues li a',
    why: 'Each line of the print preview\'s list of what is left ends with its “Sửa” link, inside the sentence that says what is missing.',
  },
];

/** Every screen's problems, gathered so that one run names them all (each once, with the screens it is on). */
class Findings {
  private readonly found = new Map<string, Set<string>>();
  readonly exempt = new Set<string>();

  async check(page: Page, screen: string, minimum: 44 | 24): Promise<void> {
    const { targets, exempt } = await measureTargets(page, INLINE_LINKS);
    // A screen that drew no target at all was not the screen meant.
    expect(targets.length, `targets on ${screen}`).toBeGreaterThan(0);
    for (const name of exempt) this.exempt.add(name);
    for (const problem of targetProblems(targets, { minimum })) this.found.set(problem, new Set([...(this.found.get(problem) ?? []), screen]));
  }

  get problems(): string[] {
    return [...this.found].map(([problem, screens]) => `${problem}: on ${[...screens].join('; ')}`);
  }
}

const session: DialogueSession = {
  id: 'd1',
  date: '2025-06-12',
  kind: 'workplace',
  ledBy: 'Giám đốc công ty',
  participants: 45,
  recommendationsRaised: 7,
  recommendationsResolved: 5,
  notes: '',
};

async function staffCall(headers: Record<string, string>, method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${path}`).toBe(true);
}

/** Opens a staff address as the member whose session token this is, and waits for what it shows. */
async function staffScreen(page: Page, hash: string, ready: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.locator(ready).first().waitFor();
}


/** The list's card of a report, once it shows this stage (`data-stage` of ReportStanding). */
function listed(page: Page, period: string, stage: string) {
  return page.locator(`[data-testid="report-item"][data-period="${period}"] [data-testid="report-standing"][data-stage="${stage}"]`);
}

describe('target sizes', () => {
  it("every target on the officer's screens is at least 44 × 44 CSS px on a 360 px phone", async () => {
    const union = await server.createUnion('CĐCS Công ty May Tây Ninh');
    const { code } = await server.issueCode(union.id);
    // Another phone of the union sent its 2024 report: this phone receives it, sent, on its first sync.
    const otherPhone = await server.enrolDevice({ unionId: union.id, deviceName: 'Điện thoại anh Minh' });
    const sent: ReportDocument = readyReport({ period: { year: 2024, kind: 'yearly' } });
    await pushStored(server, otherPhone, sent);
    // The superior's round for 2026: the list shows it as due.
    const staff = await server.staffSession();
    await staffCall(staff.headers, 'POST', `/api/staff/nodes/${server.root.id}/rounds`, {
      period: { year: 2026, kind: 'yearly' },
      title: 'Báo cáo kết quả hoạt động năm 2026',
      activities: { from: '2025-12-01', to: '2026-11-30' },
      deadline: '2026-12-15',
      allowPastDeadline: true,
    });
    // And the union's statistics for 2026 (Mẫu 1-HĐCĐ, a form of rows): the list offers its report too.
    await staffCall(staff.headers, 'POST', `/api/staff/nodes/${server.root.id}/rounds`, {
      period: { year: 2026, kind: 'yearly' },
      form: { id: 'mau-1-hdcd', version: 1 },
      title: 'Báo cáo hoạt động công đoàn cơ sở năm 2026',
      activities: { from: '2025-12-01', to: '2026-11-30' },
      deadline: '2026-12-15',
      allowPastDeadline: true,
    });

    const findings = new Findings();
    // Opened inside Zalo: the notice that asks for Chrome or Safari, with its buttons.
    const inZalo = await browser.newContext({
      ...PHONE,
      userAgent: 'Mozilla/5.0 (Linux; Android 13; SM-A515F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 Zalo android/12110',
    });
    try {
      const page = await inZalo.newPage();
      await page.goto(server.url);
      await page.getByTestId('in-app-browser-notice').waitFor();
      await findings.check(page, 'the report list in an in-app browser', 44);
    } finally {
      await inZalo.close();
    }

    const downloads = await mkdtemp(join(tmpdir(), 'bao-cao-cdcs-targets-'));
    const context = await newPhoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByTestId('create-report').waitFor();
      await findings.check(page, 'the report list, empty', 44);
      await page.goto(`${server.url}/#/settings`);
      await page.getByTestId('sync-panel').waitFor();
      await findings.check(page, 'the settings', 44);
      await page.goto(`${server.url}/#/profile`);
      await page.getByTestId('profile-save').waitFor();
      await findings.check(page, 'the profile', 44);
      await page.goto(`${server.url}/#/backup`);
      await page.getByTestId('backup-export').waitFor();
      await findings.check(page, 'the backup screen', 44);

      await page.goto(`${server.url}/#/enrol`);
      await page.locator('input[name="serverUrl"]').waitFor();
      await findings.check(page, 'the enrolment form', 44);
      await fillEnrolment(page, { serverUrl: server.url, code: 'ZZZZ-ZZZZ' });
      await pressCheckCode(page);
      await page.getByTestId('enrol-error').waitFor();
      await findings.check(page, 'the enrolment form with its error', 44);
      await fillEnrolment(page, { serverUrl: server.url, code });
      await checkEnrolmentCode(page);
      await findings.check(page, 'the enrolment check (whose code it is)', 44);
      await confirmEnrolment(page);
      await findings.check(page, 'enrolment done', 44);

      // A draft of 2025, every step of the editor (a dialogue session added on its step).
      await page.goto(`${server.url}/#/`);
      const draftId = await createReport(page, { year: 2025, kind: 'yearly' });
      // (Started from the 2024 report this phone received, which holds 120 and 100.)
      await fillAndWaitSaved(page, { 'membership.workers': '130', 'membership.members': '110' });
      for (const section of SECTION_IDS) {
        await page.goto(`${server.url}/#/report/${draftId}/${section}`);
        await page.getByTestId(`section-panel-${section}`).waitFor();
        if (section === 'dialogues') {
          await page.getByTestId('dialogue-add').click();
          await page.getByTestId('dialogue-0').waitFor();
        }
        await findings.check(page, `the editor, step “${section}”`, 44);
      }

      // The list with the draft, the report received and the round due; then the delete question.
      await page.goto(`${server.url}/#/`);
      await page.getByTestId('send-now').click();
      await listed(page, '2024-yearly', 'sent').waitFor();
      await listed(page, '2025-yearly', 'draftSaved').and(page.locator('[data-unsent="false"]')).waitFor();
      await page.locator('[data-testid="due-round"][data-form="mau-1-hdcd"]').waitFor();
      await page.locator('[data-testid="due-round"]').nth(1).waitFor();
      await findings.check(page, 'the report list with reports and a round due', 44);
      await page.locator('[data-testid="report-item"][data-period="2025-yearly"] [data-testid="report-delete"]').click();
      await page.getByTestId('report-delete-confirm').waitFor();
      await findings.check(page, 'the report list with the delete question open', 44);
      await page.getByTestId('report-delete-cancel').click();

      // The form report of the statistics round: every step of its editor, then its review step.
      await page.locator('[data-testid="due-round"][data-form="mau-1-hdcd"] [data-testid="due-round-create"]').click();
      await page.getByTestId('form-report-editor').waitFor();
      const formSteps = await page.locator('.section-chips [data-testid^="section-"]').evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-testid')!.slice('section-'.length)));
      expect(formSteps.length).toBeGreaterThan(2);
      for (const step of formSteps) {
        await page.getByTestId(`section-${step}`).click();
        await page.getByTestId(`section-panel-${step}`).waitFor();
        await findings.check(page, `the form report's editor, step “${step}”`, 44);
      }

      await page.goto(`${server.url}/#/report/${sent.id}`);
      await page.getByTestId('withdraw').waitFor();
      await findings.check(page, 'the editor of a report sent', 44);
      await page.goto(`${server.url}/#/print/${sent.id}`);
      await page.locator('[data-testid="print-screen"][data-fonts-ready="true"]').waitFor();
      await findings.check(page, 'the printed document', 44);
      await page.goto(`${server.url}/#/print/${draftId}`);
      await page.getByTestId('print-issues').waitFor();
      await findings.check(page, 'the printed document of a draft, with what is left to fill', 44);
      await page.goto(`${server.url}/#/print/no-such-report`);
      await page.getByTestId('print-not-found').waitFor();
      await findings.check(page, 'the print screen of a report that is not there', 44);

      // A backup, then a change: importing it again plans to replace the newer copy or keep it.
      await page.goto(`${server.url}/#/backup`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export').click()]);
      const backupPath = join(downloads, 'backup.json');
      await download.saveAs(backupPath);
      await page.goto(`${server.url}/#/report/${draftId}/membership`);
      await fillAndWaitSaved(page, { 'membership.members': '101' });
      await page.goto(`${server.url}/#/backup`);
      await page.getByTestId('backup-import-file').setInputFiles(backupPath);
      await page.getByTestId('backup-import-plan').waitFor();
      await findings.check(page, 'the backup screen with an import plan', 44);

      // A conflict: this phone changes the members offline while the other phone sends another figure.
      await page.goto(`${server.url}/#/`);
      await page.getByTestId('send-now').click();
      await listed(page, '2025-yearly', 'draftSaved').and(page.locator('[data-unsent="false"]')).waitFor();
      const onServer = (await server.store.findReport(draftId))!;
      await context.setOffline(true);
      await page.goto(`${server.url}/#/report/${draftId}/membership`);
      await fillAndWaitSaved(page, { 'membership.members': '90' });
      const theirs = JSON.parse(onServer.documentJson) as ReportDocument;
      await pushStored(server, otherPhone, { ...theirs, membership: { ...theirs.membership, members: 95 } }, String(onServer.revision));
      await context.setOffline(false);
      await page.goto(`${server.url}/#/`);
      await page.getByTestId('send-now').click();
      await listed(page, '2025-yearly', 'conflict').waitFor();
      await page.locator('[data-testid="report-item"][data-period="2025-yearly"] [data-testid="report-open"]').click();
      await page.locator('[data-testid="primary-action"][data-action="decide"]').click();
      await page.getByTestId('conflict-resolver').waitFor();
      await findings.check(page, 'the conflict panel', 44);
    } finally {
      await context.close();
      await rm(downloads, { recursive: true, force: true });
    }
    expect(findings.problems).toEqual([]);
    // The links measured as text are those named above, and they were on the screens.
    // The links measured as text are the ones named above, found in their sentence.
    expect([...findings.exempt]).toEqual(['a “Sửa”']);
  });

  it("every target on the staff's screens is at least 24 × 24 CSS px, at each role", async () => {
    const commune = await server.createNode({ name: 'Công đoàn phường Long Hoa' });
    const inCommune = await server.createUnion('CĐCS Công ty Dệt Long Hoa', commune.id);
    const direct = await server.createUnion('CĐCS Bệnh viện Đa khoa tỉnh');
    await server.createUnion('CĐCS Trường Mầm non Hoa Sen');
    const communeDevice = await server.enrolDevice({ unionId: inCommune.id, deviceName: 'Điện thoại chị Lan' });
    const weak = readyReport({ dialogues: [session] });
    weak.membership.workers = 1000;
    weak.membership.members = 653;
    const first = await pushStored(server, communeDevice, weak);
    // A second revision, so that the report's history compares two.
    await pushStored(server, communeDevice, { ...weak, membership: { ...weak.membership, members: 700 } }, first);
    const directDevice = await server.enrolDevice({ unionId: direct.id });
    const strong = readyReport();
    await pushStored(server, directDevice, strong);
    await server.issueCode(inCommune.id, { maxUses: 2 });
    const opener = await server.staffSession();
    await staffCall(opener.headers, 'POST', `/api/staff/nodes/${server.root.id}/rounds`, {
      period: { year: 2025, kind: 'yearly' },
      title: 'Báo cáo kết quả hoạt động năm 2025',
      plan: 'Kế hoạch số 94/KH-LĐLĐ',
      activities: { from: '2024-12-01', to: '2025-11-30' },
      deadline: '2025-12-15',
      allowPastDeadline: true,
    });

    const findings = new Findings();
    for (const role of ['admin', 'reviewer', 'viewer'] as const) {
      const member = await server.staffSession({ role });
      const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 800 } });
      try {
        if (role === 'admin') {
          const signIn = await context.newPage();
          await staffScreen(signIn, '#/staff', '.staff-sign-in');
          await findings.check(signIn, 'the sign-in form', 24);
          await signIn.close();
        }
        const page = await context.newPage();
        await useStaffSession(page, member.headers);

        await staffScreen(page, '#/staff', '[data-testid="staff-year"]');
        await page.getByTestId('staff-year').selectOption('2025');
        await page.locator('[data-testid="overview-table"][data-period="2025-yearly"] [data-testid="union-row"]').first().waitFor();
        await page.locator('[data-testid="rollup-row"]').first().waitFor();
        await page.getByTestId('staff-round').waitFor();
        await page.locator('[data-testid="chart-years-canvas"][data-drawn="true"] canvas').waitFor();
        if (role === 'admin') await page.getByTestId('staff-manage').waitFor();
        await findings.check(page, `the province's node page (${role})`, 24);

        await page.getByTestId('open-summary').click();
        await page.locator('[data-testid="summary-document"][data-fonts-ready="true"]').waitFor();
        await findings.check(page, `the summary report (${role})`, 24);
        await page.getByTestId('summary-close').click();
        await page.getByTestId('summary-overlay').waitFor({ state: 'detached' });

        await staffScreen(page, `#/staff/node/${commune.id}`, `[data-testid="staff-node"][data-node-id="${commune.id}"]`);
        await page.locator('[data-testid="overview-table"] [data-testid="union-row"]').first().waitFor();
        await findings.check(page, `a commune union's node page (${role})`, 24);

        await staffScreen(page, `#/staff/node/${commune.id}/union/${inCommune.id}`, '[data-testid="union-device"]');
        await page.getByTestId('union-code').first().waitFor();
        await findings.check(page, `a CĐCS's page (${role})`, 24);
        if (role !== 'viewer') {
          await page.getByTestId('code-issue').click();
          await page.getByTestId('enrolment-qr').waitFor();
          await findings.check(page, `a CĐCS's page with a code just issued, its card and QR code (${role})`, 24);
          await page.getByTestId('device-revoke').first().click();
          await page.getByTestId('device-revoke-confirm').waitFor();
          await findings.check(page, `a CĐCS's page with the revoke question open (${role})`, 24);
        }

        await staffScreen(page, `#/staff/report/${weak.id}`, `[data-testid="staff-report"][data-report-id="${weak.id}"]`);
        await page.getByTestId('report-section-dialogues').waitFor();
        await page.getByTestId('revision-diff').waitFor();
        await findings.check(page, `a report with its history (${role})`, 24);

        await staffScreen(page, `#/staff/node/${server.root.id}/forms/ke-hoach-94/rollup/2025/yearly`, '[data-testid="form-rollup"][data-loaded="true"]');
        await findings.check(page, `a form's roll-up (${role})`, 24);

        await staffScreen(page, `#/staff/node/${server.root.id}/forms`, '[data-testid="form-line"]');
        await findings.check(page, `the forms list (${role})`, 24);
        await staffScreen(page, '#/staff/account', '[data-testid="account-sessions"]');
        await page.locator('[data-testid="totp-start"], [data-testid="totp-on"]').first().waitFor();
        await findings.check(page, `the account screen (${role})`, 24);
        if (role === 'admin') {
          await staffScreen(page, '#/staff/audit', '[data-testid="audit-entry"]');
          await findings.check(page, 'the audit log (admin)', 24);
        }
      } finally {
        await context.close();
      }
    }
    expect(findings.problems).toEqual([]);
  });
});
