import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { LocalStore } from '../../../src/app/db';
import { reportDocumentSchema, type ReportDocument } from '../../../src/domain/reportSchema';
import { neverSynced } from '../../../src/domain/sync';
import { fakeIndexedDb, freshDatabaseName } from './helpers';

const REPORT_A = '0b7d6a1e-2f7c-4f35-9a51-4c1f0c2a9b01';
const REPORT_B = '0b7d6a1e-2f7c-4f35-9a51-4c1f0c2a9b02';

/**
 * Version 1 exactly as the first release declared and wrote it, frozen here rather than built with
 * today's code (today's `emptyReport` or stores would quietly turn this into new data).
 */
const VERSION_1_STORES = { reports: 'id, periodKey, updatedAt', settings: 'key' };
function version1Document(id: string, period: { year: number; kind: string }, at: string): ReportDocument {
  return {
    id,
    period,
    status: 'draft',
    membership: { workers: null, members: null, femaleMembers: null, newMembers: null, membersLeft: null, membersInOtherOrganisations: null },
    dialogues: [],
    dissemination: { sessions: null, attendance: null },
    studyAndFollow: { activities: null, commendations: null, notes: '' },
    officerTraining: { officersTrained: null },
    partyDevelopment: { introduced: null, admitted: null },
    inspection: { inspections: null, supervisions: null, antiCorruptionSessions: null, complaintsReceived: null, complaintsResolved: null },
    grassrootsDemocracy: { workersConferenceHeld: null, workersConferenceDate: '' },
    administrativeReform: { notes: '' },
    proposals: { text: '' },
    explanations: { memberChange: '', partyAdmission: '' },
    createdAt: at,
    updatedAt: at,
  } as ReportDocument;
}

/** Version 2 as it was declared and wrote, frozen likewise: reports with sync state, the outbox. */
const VERSION_2_STORES = { reports: 'id, periodKey, updatedAt', outbox: 'reportId, nextAttemptAt', settings: 'key' };

describe('database upgrades', () => {
  it('upgrades version 1 data (no sync state, no outbox) to today without losing a figure', async () => {
    const name = freshDatabaseName();
    // What the first release wrote: a Dexie that knows only version 1.
    const v1 = new Dexie(name, fakeIndexedDb);
    v1.version(1).stores(VERSION_1_STORES);
    const a = version1Document(REPORT_A, { year: 2022, kind: 'yearly' }, '2022-05-01T08:00:00.000Z');
    a.membership.workers = 250;
    a.membership.members = 213;
    const b = version1Document(REPORT_B, { year: 2023, kind: 'interim' }, '2023-03-01T08:00:00.000Z');
    b.status = 'ready';
    await v1.table('reports').bulkAdd([
      { id: a.id, periodKey: '2022-yearly', updatedAt: a.updatedAt, document: a },
      { id: b.id, periodKey: '2023-interim', updatedAt: b.updatedAt, document: b },
    ]);
    await v1.table('settings').put({ key: 'language', value: 'en' });
    v1.close();

    const store = new LocalStore({ name, dexie: fakeIndexedDb });
    await store.open();
    try {
      expect(store.db.verno).toBe(4);
      const upgraded = await store.reports.get(REPORT_A);
      expect(upgraded?.document).toEqual(a);
      expect(upgraded?.localVersion).toBe(1);
      expect(reportDocumentSchema.safeParse(upgraded?.document).success).toBe(true);
      expect(upgraded?.sync).toEqual(neverSynced());
      expect((await store.reports.get(REPORT_B))?.document.status).toBe('ready');
      const outbox = await store.db.outbox.toArray();
      expect(outbox.map((entry) => entry.reportId).sort()).toEqual([REPORT_A, REPORT_B]);
      expect(new Set(outbox.map((entry) => entry.idempotencyKey)).size).toBe(2);
      expect(await store.settings.get('language')).toBe('en');
      // The upgraded data works with today's repository.
      const saved = await store.reports.save({ ...a, proposals: { text: 'Đề xuất' } });
      expect(saved.proposals.text).toBe('Đề xuất');
    } finally {
      store.close();
    }
  });

  it('upgrades version 2 data (synced, pending, in conflict) to version 3: a local version on every report, nothing else touched', async () => {
    const name = freshDatabaseName();
    const v2 = new Dexie(name, fakeIndexedDb);
    v2.version(1).stores(VERSION_1_STORES);
    v2.version(2).stores(VERSION_2_STORES);
    const a = version1Document(REPORT_A, { year: 2024, kind: 'yearly' }, '2025-01-10T08:00:00.000Z');
    a.membership.workers = 250;
    a.membership.members = 213;
    const base = structuredClone(a);
    a.membership.membersInOtherOrganisations = 12; // edited after the last sync, waiting in the outbox
    const b = version1Document(REPORT_B, { year: 2025, kind: 'yearly' }, '2025-11-20T08:00:00.000Z');
    const syncA = { serverRevision: '7', base, pending: true, review: null, refusal: null, conflict: null };
    const syncB = {
      serverRevision: '3',
      base: b,
      pending: false,
      review: { status: 'returned', comment: 'Bổ sung số liệu', decidedAt: '2025-11-21T02:00:00.000Z' },
      refusal: null,
      conflict: null,
    };
    await v2.table('reports').bulkAdd([
      { id: a.id, periodKey: '2024-yearly', updatedAt: a.updatedAt, document: a, sync: syncA },
      { id: b.id, periodKey: '2025-yearly', updatedAt: b.updatedAt, document: b, sync: syncB },
    ]);
    const entry = { reportId: a.id, queuedAt: a.updatedAt, attempts: 2, nextAttemptAt: 1_700_000_000_000, idempotencyKey: 'key-a' };
    await v2.table('outbox').put(entry);
    await v2.table('settings').bulkPut([
      { key: 'deviceToken', value: 'token' },
      { key: 'syncCursor', value: '42' },
    ]);
    v2.close();

    const store = new LocalStore({ name, dexie: fakeIndexedDb });
    await store.open();
    try {
      expect(store.db.verno).toBe(4);
      const upgradedA = await store.reports.get(REPORT_A);
      expect(upgradedA).toEqual({ id: a.id, periodKey: '2024-yearly', formId: 'ke-hoach-94', updatedAt: a.updatedAt, localVersion: 1, document: a, sync: syncA });
      expect((await store.reports.get(REPORT_B))?.sync).toEqual(syncB);
      expect((await store.reports.get(REPORT_B))?.localVersion).toBe(1);
      expect(await store.db.outbox.toArray()).toEqual([entry]);
      expect(await store.settings.get('syncCursor')).toBe('42');
      // An editor that read it upgraded sees the next write as a change.
      const saved = await store.reports.saveEdit({ ...a, proposals: { text: 'Đề xuất' } }, upgradedA!);
      expect(saved.localVersion).toBe(2);
      expect(saved.document.membership.membersInOtherOrganisations).toBe(12);
    } finally {
      store.close();
    }
  });

  it('upgrades version 3 data to version 4: every draft kept, keyed by period and form, and a form report beside the Plan 94 one', async () => {
    const name = freshDatabaseName();
    const v3 = new Dexie(name, fakeIndexedDb);
    v3.version(1).stores(VERSION_1_STORES);
    v3.version(2).stores(VERSION_2_STORES);
    v3.version(3).stores(VERSION_2_STORES);
    const a = version1Document(REPORT_A, { year: 2025, kind: 'yearly' }, '2025-11-10T08:00:00.000Z');
    a.membership.workers = 250;
    a.issuance = { number: '12/BC-CĐCS', date: '' };
    const b = version1Document(REPORT_B, { year: 2024, kind: 'yearly' }, '2024-11-10T08:00:00.000Z');
    b.status = 'ready';
    const syncA = { serverRevision: null, base: null, pending: true, review: null, refusal: null, conflict: null };
    const syncB = { serverRevision: '4', base: b, pending: false, review: null, refusal: null, conflict: null };
    await v3.table('reports').bulkAdd([
      { id: a.id, periodKey: '2025-yearly', updatedAt: a.updatedAt, localVersion: 7, document: a, sync: syncA },
      { id: b.id, periodKey: '2024-yearly', updatedAt: b.updatedAt, localVersion: 2, document: b, sync: syncB },
    ]);
    const entry = { reportId: a.id, queuedAt: a.updatedAt, attempts: 0, nextAttemptAt: 0, idempotencyKey: 'key-a' };
    await v3.table('outbox').put(entry);
    await v3.table('settings').put({ key: 'syncCursor', value: '9' });
    v3.close();

    const store = new LocalStore({ name, dexie: fakeIndexedDb });
    await store.open();
    try {
      expect(store.db.verno).toBe(4);
      expect(await store.reports.get(REPORT_A)).toEqual({
        id: a.id,
        periodKey: '2025-yearly',
        formId: 'ke-hoach-94',
        updatedAt: a.updatedAt,
        localVersion: 7,
        document: a,
        sync: syncA,
      });
      expect((await store.reports.get(REPORT_B))?.sync).toEqual(syncB);
      expect(await store.db.outbox.toArray()).toEqual([entry]);
      expect(await store.settings.get('syncCursor')).toBe('9');
      // The period's Plan 94 draft is still found; another form's report of the same period may now be made.
      expect((await store.reports.findByPeriod({ year: 2025, kind: 'yearly' }))?.id).toBe(REPORT_A);
      const form = await store.reports.create({ year: 2025, kind: 'yearly' }, { form: { id: 'mau-1-hdcd', version: 1 } });
      expect(form.formId).toBe('mau-1-hdcd');
      expect((await store.reports.findByPeriod({ year: 2025, kind: 'yearly' }, 'mau-1-hdcd'))?.id).toBe(form.id);
      expect((await store.reports.findByPeriod({ year: 2025, kind: 'yearly' }))?.id).toBe(REPORT_A);
    } finally {
      store.close();
    }
  });

  it('opens an empty device straight at the current version', async () => {
    const store = new LocalStore({ name: freshDatabaseName(), dexie: fakeIndexedDb });
    await store.open();
    expect(store.db.verno).toBe(4);
    expect(await store.reports.list()).toEqual([]);
    store.close();
  });
});
