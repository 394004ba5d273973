import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { LocalStore } from '../../../src/app/db';
import { reportDocumentSchema, type ReportDocument } from '../../../src/domain/report';
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

describe('database upgrades', () => {
  it('upgrades version 1 data (no sync state, no outbox) to version 2 without losing a figure', async () => {
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
      expect(store.db.verno).toBe(2);
      const upgraded = await store.reports.get(REPORT_A);
      expect(upgraded?.document).toEqual(a);
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

  it('opens an empty device straight at the current version', async () => {
    const store = new LocalStore({ name: freshDatabaseName(), dexie: fakeIndexedDb });
    await store.open();
    expect(store.db.verno).toBe(2);
    expect(await store.reports.list()).toEqual([]);
    store.close();
  });
});
