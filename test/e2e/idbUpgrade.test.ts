/**
 * Issue 22: "a phone running today's build … its IndexedDB is upgraded with every draft kept when the
 * new build arrives (tested on data written by today's build)". The phone's storage is the one build
 * 8a22e3f (Dexie schema 3) wrote through its own screens (fixtures/idb-8a22e3f.json, written by
 * fixtures/write-idb-8a22e3f-fixture.ts), recreated exactly on this build's origin before the app
 * runs. Then this build starts on it, and what the officer depends on is checked on screen and in
 * IndexedDB: every report listed where it stood, every figure in its field, the queued report still
 * queued, the profile, the round, the enrolment; the database at schema 4 with the forms table; and
 * the draft can be edited on, the edit kept across a reload.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { countToInput, dateToInput } from '../../src/app/i18n/format';
import { watchConsoleErrors } from './support/browser';
import { serverAndBrowserPerFile } from './support/fileFixture';
import { fillAndWaitSaved } from './support/officerApp';
import { dumpOriginStorage, openBlankPageOf, restoreOriginStorage, type OriginStorage, type StoredDatabase } from './support/originStorage';
import { distDir, serveDist, type StaticServer } from './support/staticServer';

let server: StaticServer;
let browser: Browser;

/** What build 8a22e3f left on the phone, and the origin it ran on: its server's, which it was enrolled with. */
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/idb-8a22e3f.json'), 'utf8')) as OriginStorage & { origin: string };

// This build at the same address, as the real server serves it after a deployment: the storage belongs
// to that origin, and the app talks only to its own (CSP connect-src 'self').
serverAndBrowserPerFile(
  () => serveDist(distDir, { port: Number(new URL(fixture.origin).port) }),
  (started, launched) => {
    server = started;
    browser = launched;
  },
);
const phoneStorage: OriginStorage = { databases: fixture.databases, localStorage: fixture.localStorage };

interface Report {
  id: string;
  periodKey: string;
  formId?: string;
  updatedAt: string;
  localVersion: number;
  document: Record<string, unknown> & { id: string; status: string; dialogues: Record<string, unknown>[] };
  sync: Record<string, unknown>;
}
interface OutboxEntry {
  reportId: string;
  queuedAt: string;
  idempotencyKey: string;
}

function records<T>(database: StoredDatabase | undefined, store: string): T[] {
  return (database?.stores.find((candidate) => candidate.name === store)?.records ?? []).map((record) => record.value as T);
}

const oldDatabase = fixture.databases.find((database) => database.name === 'bao-cao-cdcs')!;
const oldReports = records<Report>(oldDatabase, 'reports');
const oldOutbox = records<OutboxEntry>(oldDatabase, 'outbox');
const oldSettings = new Map(records<{ key: string; value: unknown }>(oldDatabase, 'settings').map((row) => [row.key, row.value]));
const reportOf = (periodKey: string) => oldReports.find((report) => report.periodKey === periodKey)!;

/** Where each report stood on the old build: the stage its card must still show. */
const STAGES: Record<string, string> = {
  '2023-yearly': 'accepted', // sent and accepted by the superior
  '2024-yearly': 'queued', // marked ready offline: waits to be sent
  '2025-yearly': 'draftSaved', // on the server as a draft, with changes made offline since
  '2025-interim': 'draftLocal', // only on this phone
};

const SECTION_ORDER = ['membership', 'dialogues', 'dissemination', 'studyAndFollow', 'officerTraining', 'partyDevelopment', 'inspection', 'grassrootsDemocracy', 'administrativeReform', 'proposals'];

/** Every answer of a report's sections, path → stored value (dialogue sessions by index, their ids aside). */
function answers(document: Report['document']): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) if (key !== 'id') walk(inner, `${path}.${key}`);
    } else found.set(path, value);
  };
  for (const section of SECTION_ORDER) walk(document[section], section);
  return found;
}

/** What the editor must show for a stored answer: counts as `1.245`, dates as `14/03/2025`, text as is. */
function shown(value: unknown): string {
  if (typeof value === 'number' || value === null) return countToInput(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dateToInput(value);
  return String(value);
}

/** Opens the report from the list, as the officer does, and checks every answer of every section in its field. */
async function expectEveryAnswerShown(page: Page, report: Report): Promise<void> {
  await page.goto(`${server.url}/#/`);
  await page.locator(`[data-testid="report-item"][data-report-id="${report.id}"] [data-testid="report-open"]`).click();
  await page.locator(`.editor-head [data-testid="report-standing"][data-stage="${STAGES[report.periodKey]}"]`).waitFor();
  const bySection = new Map<string, [string, unknown][]>();
  for (const [path, value] of answers(report.document)) {
    const section = path.split('.')[0]!;
    bySection.set(section, [...(bySection.get(section) ?? []), [path, value]]);
  }
  const seen: Record<string, string> = {};
  const wanted: Record<string, string> = {};
  for (const [section, fields] of bySection) {
    await page.getByTestId(`section-${section}`).click();
    await page.getByTestId(`section-panel-${section}`).waitFor();
    for (const [path, value] of fields) {
      const field = page.getByTestId(`field-${path}`);
      if ((await field.evaluate((element) => element.tagName)) === 'FIELDSET') {
        // A yes/no question: its two radio buttons, neither checked while unanswered.
        const yes = await page.getByTestId(`field-${path}-yes`).isChecked();
        const no = await page.getByTestId(`field-${path}-no`).isChecked();
        seen[path] = yes ? 'yes' : no ? 'no' : '';
        wanted[path] = value === true ? 'yes' : value === false ? 'no' : '';
      } else {
        seen[path] = await field.inputValue();
        wanted[path] = shown(value);
      }
    }
  }
  expect(seen, `the answers of ${report.periodKey} in its fields`).toEqual(wanted);
}

describe('a phone on build 8a22e3f receives this build (issue 22)', () => {
  it('upgrades the IndexedDB the old build wrote to schema 4, every draft, figure and setting kept, and the officer edits on', async () => {
    expect(oldDatabase.version).toBe(30); // Dexie's version 3, as IndexedDB counts it (×10)
    expect(oldReports.map((report) => report.periodKey).sort()).toEqual(Object.keys(STAGES).sort());
    const context = await browser.newContext({ locale: 'vi-VN' });
    try {
      expect(server.url).toBe(fixture.origin);
      expect(oldSettings.get('serverUrl')).toBe(fixture.origin);
      // Only the app is served here, not the API: the phone's calls to its server are held unanswered,
      // as on a dead line, so that nothing the phone holds is answered away while the upgrade is checked.
      await context.route(`${fixture.origin}/api/**`, () => {});
      const page = await context.newPage();
      const errors = watchConsoleErrors(page);

      // The phone, before the new build arrives: exactly what the old build wrote, on this origin.
      await openBlankPageOf(page, server.url);
      await restoreOriginStorage(page, phoneStorage);
      expect(await dumpOriginStorage(page)).toEqual(phoneStorage);

      // The new build starts: the list shows every report where it stood.
      await page.goto(server.url);
      for (const report of oldReports) {
        const card = page.locator(`[data-testid="report-item"][data-report-id="${report.id}"]`);
        await card.locator(`[data-testid="report-standing"][data-stage="${STAGES[report.periodKey]}"]`).waitFor();
      }
      expect(await page.getByTestId('report-item').count()).toBe(oldReports.length);
      // The round the old build pulled (it names no form: Plan 94's) still leads to its draft.
      const draft = reportOf('2025-yearly');
      const due = page.locator('[data-testid="due-round"][data-period="2025-yearly"]');
      expect(await due.getByTestId('due-round-open').getAttribute('href')).toBe(`#/report/${draft.id}`);

      // The database is at schema 4 (IndexedDB 40) with the forms table, and nothing was lost on the way.
      const upgraded = (await dumpOriginStorage(page)).databases.find((database) => database.name === 'bao-cao-cdcs');
      expect(upgraded?.version).toBe(40);
      expect(upgraded?.stores.map((store) => store.name)).toEqual(['forms', 'outbox', 'reports', 'settings']);
      expect(upgraded?.stores.find((store) => store.name === 'forms')).toMatchObject({ keyPath: ['id', 'version'], records: [] });
      expect(upgraded?.stores.find((store) => store.name === 'reports')?.indexes.map((index) => index.keyPath)).toContainEqual(['periodKey', 'formId']);
      // Every report as the old build kept it — document, local version, every sync field — now with its
      // form. The sync engine, already at work, may add its own record of a push in flight (`unanswered`).
      const reports = records<Report>(upgraded, 'reports');
      expect(reports).toEqual(
        expect.arrayContaining(oldReports.map((report) => ({ ...report, formId: 'ke-hoach-94', sync: expect.objectContaining(report.sync) }))),
      );
      expect(reports).toHaveLength(oldReports.length);
      // Every change waiting to be sent still waits, under the key the server would recognise.
      const pick = ({ reportId, queuedAt, idempotencyKey }: OutboxEntry) => ({ reportId, queuedAt, idempotencyKey });
      expect(records<OutboxEntry>(upgraded, 'outbox').map(pick)).toEqual(oldOutbox.map(pick));
      // Every setting (profile, language, enrolment, sync cursor, round) as it was.
      const settings = new Map(records<{ key: string; value: unknown }>(upgraded, 'settings').map((row) => [row.key, row.value]));
      for (const [key, value] of oldSettings) expect(settings.get(key), `setting ${key}`).toEqual(value);

      // On screen: every report opens with every figure, dialogue session and note in its field.
      for (const report of oldReports) await expectEveryAnswerShown(page, report);
      // The profile as the officer entered it.
      await page.goto(`${server.url}/#/profile`);
      await page.getByTestId('field-profile.unionName').waitFor();
      const profile = oldSettings.get('profile') as Record<string, string>;
      const { district, ...fields } = profile;
      for (const [key, value] of Object.entries(fields)) expect(await page.getByTestId(`field-profile.${key}`).inputValue(), `profile ${key}`).toBe(value);
      // Districts are gone since 1 July 2025: the one typed on the old build is shown as history, kept.
      expect(await page.getByTestId('profile-former-district').innerText()).toContain(district);

      // The officer goes on with the draft: the edit is saved and outlives a reload.
      await page.goto(`${server.url}/#/report/${draft.id}/membership`);
      await page.locator('.editor-head [data-testid="report-standing"][data-stage="draftSaved"]').waitFor();
      expect(await page.getByTestId('field-membership.workers').inputValue()).toBe('1.245');
      await fillAndWaitSaved(page, { 'membership.membersLeft': '61' });
      await page.reload();
      await page.getByTestId('field-membership.membersLeft').waitFor();
      expect(await page.getByTestId('field-membership.membersLeft').inputValue()).toBe('61');
      const edited = records<Report>((await dumpOriginStorage(page)).databases.find((database) => database.name === 'bao-cao-cdcs'), 'reports').find(
        (report) => report.id === draft.id,
      )!;
      expect(edited.localVersion).toBe(draft.localVersion + 1);
      const membership = draft.document.membership as Record<string, number>;
      expect(edited.document.membership).toEqual({ ...membership, membersLeft: 61 });
      expect(edited.document.dialogues).toEqual(draft.document.dialogues);

      expect(errors).toEqual([]);
      // The hold above took every call: none reached the static server (it would answer 404).
      expect(server.requests.filter((path) => path.startsWith('/api/'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
