import Dexie from 'dexie';
import { IDBDatabase, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  LocalStore,
  PeriodTakenError,
  REPORT_SAVED_MARK,
  REPORT_SAVE_STARTED_MARK,
  ReportNotReadyError,
  StorageFullError,
  onDatabaseEvent,
  type DatabaseEvent,
} from '../../../src/app/db';
import { fakeIndexedDb, freshDatabaseName, openFreshStore } from './helpers';

let store: LocalStore;
afterEach(() => {
  vi.restoreAllMocks();
  store?.close();
});

/**
 * IndexedDB itself refuses puts into `storeName` (whichever layer, Dexie or the autosave's own
 * transaction, makes them) while `refusing()` says so.
 */
function refusePuts(storeName: string, error: () => Error, refusing: () => boolean = () => true): void {
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
    if (this.name === storeName && refusing()) throw error();
    return put.apply(this, args);
  });
}

describe('reports repository', () => {
  it('creates a draft that is queued for the server', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    expect(created.document.status).toBe('draft');
    expect(created.sync.pending).toBe(true);
    const outbox = await store.db.outbox.get(created.id);
    expect(outbox?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a second report for the same period', async () => {
    store = await openFreshStore();
    const first = await store.reports.create({ year: 2024, kind: 'yearly' });
    await expect(store.reports.create({ year: 2024, kind: 'yearly' })).rejects.toEqual(new PeriodTakenError(first.id));
    await store.reports.create({ year: 2024, kind: 'interim' });
    expect(await store.reports.list()).toHaveLength(2);
  });

  it("starts from the previous period's standing figures when asked", async () => {
    store = await openFreshStore();
    const previous = await store.reports.create({ year: 2023, kind: 'yearly' });
    await store.reports.save({
      ...previous.document,
      membership: { ...previous.document.membership, workers: 120, members: 100, newMembers: 7 },
    });
    const next = await store.reports.create({ year: 2024, kind: 'yearly' }, { fromPrevious: true });
    expect(next.document.membership.workers).toBe(120);
    expect(next.document.membership.members).toBe(100);
    expect(next.document.membership.newMembers).toBeNull();
    const blank = await store.reports.create({ year: 2024, kind: 'final' }, { fromPrevious: false });
    expect(blank.document.membership.workers).toBeNull();
  });

  it('saves the report and its outbox entry together, the newest edit replacing the queued one', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    const keys = new Set<string>();
    let document = created.document;
    for (let members = 1; members <= 10; members++) {
      document = await store.reports.save({ ...document, membership: { ...document.membership, members } });
      keys.add((await store.db.outbox.get(created.id))!.idempotencyKey);
    }
    expect(await store.db.outbox.count()).toBe(1);
    expect(keys.size).toBe(10);
    const stored = await store.reports.get(created.id);
    expect(stored?.document.membership.members).toBe(10);
    expect(stored?.updatedAt).toBe(stored?.document.updatedAt);
    expect(stored!.updatedAt > created.updatedAt).toBe(true);
  });

  it('commits an autosave in one IndexedDB transaction of its own, past Dexie, and tells the watches after the mark', async () => {
    // Dexie's transaction machinery was most of a save's main-thread time on a slow phone (BENCHMARKS.md).
    store = new LocalStore({ name: freshDatabaseName(), dexie: fakeIndexedDb });
    let dexieWrites = 0;
    store.db.use({
      stack: 'dbcore',
      name: 'count-writes',
      create: (core) => ({
        ...core,
        transaction: (stores, mode, options) => {
          if (mode === 'readwrite') dexieWrites++;
          return core.transaction(stores, mode, options);
        },
      }),
    });
    await store.open();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    const transactions: { stores: string[]; mode: string }[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<typeof transaction>) {
      const opened = transaction.apply(this, args);
      transactions.push({ stores: [...opened.objectStoreNames], mode: opened.mode });
      return opened;
    });
    const order: string[] = [];
    const heard = (parts: Record<string, unknown>) => order.push(`mutated ${Object.keys(parts).sort().join(' ')}`);
    Dexie.on('storagemutated', heard);
    const observer = vi.spyOn(performance, 'mark').mockImplementation((name) => {
      order.push(name);
      return undefined as unknown as PerformanceMark;
    });
    try {
      dexieWrites = 0;
      const saved = await store.reports.saveEdit({ ...created.document, proposals: { text: 'Kiến nghị' } }, created);
      expect(saved.localVersion).toBe(created.localVersion + 1);
      expect(transactions).toEqual([{ stores: ['outbox', 'reports'], mode: 'readwrite' }]);
      expect(dexieWrites).toBe(0);
      // Every key and index of both tables, read from Dexie's schema: an index added to either table
      // that the hand-made announcement (nativeWrite.ts) does not name fails here.
      const parts = ['outbox', 'reports'].flatMap((name) => {
        const { schema } = store.db.table(name);
        return [`idb://${store.db.name}/${name}/`, ...schema.indexes.map((index) => `idb://${store.db.name}/${name}/${index.name}`)];
      });
      expect(order).toEqual([REPORT_SAVE_STARTED_MARK, REPORT_SAVED_MARK, `mutated ${parts.sort().join(' ')}`]);
      // A save that changes nothing writes nothing and tells nobody.
      order.length = 0;
      await store.reports.saveEdit({ ...saved.document }, saved);
      expect(order).toEqual([REPORT_SAVE_STARTED_MARK, REPORT_SAVED_MARK]);
      expect((await store.reports.get(created.id))?.localVersion).toBe(saved.localVersion);
    } finally {
      observer.mockRestore();
      Dexie.on('storagemutated').unsubscribe(heard);
    }
  });

  it('writes nothing when the outbox write fails: report and queue stay consistent', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    const before = await store.db.outbox.get(created.id);
    refusePuts('outbox', () => new Error('outbox write failed'));
    await expect(
      store.reports.save({ ...created.document, membership: { ...created.document.membership, members: 5 } }),
    ).rejects.toThrow('outbox write failed');
    expect((await store.reports.get(created.id))?.document.membership.members).toBeNull();
    expect(await store.db.outbox.get(created.id)).toEqual(before);
  });

  it('merges an edit into a stored copy that changed underneath it instead of overwriting it', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    const opened = await store.reports.saveEdit({ ...created.document, membership: { ...created.document.membership, workers: 100, members: 80 } });
    // A pull brings the other device's change while the editor still shows `opened`. The merged
    // copy keeps this device's own edit time (it edited last): only the local version says it changed.
    await store.db.reports.update(created.id, {
      'document.inspection.inspections': 3,
      localVersion: opened.localVersion + 1,
    });
    const typed = { ...opened.document, membership: { ...opened.document.membership, members: 85 } };
    const saved = await store.reports.saveEdit(typed, opened);
    expect(saved.document.membership.members).toBe(85);
    expect(saved.document.inspection.inspections).toBe(3);
    expect(saved.localVersion).toBe(opened.localVersion + 2);
    expect((await store.reports.get(created.id))?.document).toEqual(saved.document);
    // With the current basis (or none) the edit is stored as given.
    const again = await store.reports.saveEdit({ ...saved.document, proposals: { text: 'x' } }, saved);
    expect(again.document.inspection.inspections).toBe(3);
    expect(again.document.proposals.text).toBe('x');
  });

  it('moves the local version with every write of the document, and writes nothing for a save that changes nothing', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    expect(created.localVersion).toBe(1);
    const edited = await store.reports.saveEdit({ ...created.document, proposals: { text: 'Kiến nghị' } }, created);
    expect(edited.localVersion).toBe(2);
    const unchanged = await store.reports.saveEdit({ ...edited.document }, edited);
    expect(unchanged).toEqual(edited);
    expect((await store.reports.get(created.id))?.localVersion).toBe(2);
    await store.reports.save({ ...edited.document, membership: { ...edited.document.membership, workers: 10, members: 9 } });
    expect((await store.reports.get(created.id))?.localVersion).toBe(3);
    await store.reports.markReady(created.id);
    expect((await store.reports.get(created.id))?.localVersion).toBe(4);
    await store.reports.reopen(created.id);
    expect((await store.reports.get(created.id))?.localVersion).toBe(5);
  });

  it('keeps the sync state the sync engine wrote, flipping only pending', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    await store.db.reports.update(created.id, { sync: { ...created.sync, pending: false, serverRevision: 'r7' } });
    await store.reports.save({ ...created.document, proposals: { text: 'Thêm nhà văn hoá' } });
    const stored = await store.reports.get(created.id);
    expect(stored?.sync).toMatchObject({ serverRevision: 'r7', pending: true });
  });

  it('marks ready only without errors, and a late autosave does not undo it', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    await expect(store.reports.markReady(created.id)).rejects.toBeInstanceOf(ReportNotReadyError);
    const filled = await store.reports.save({
      ...created.document,
      membership: { ...created.document.membership, workers: 100, members: 85 },
    });
    const ready = await store.reports.markReady(created.id);
    expect(ready.status).toBe('ready');
    // The form still holds status "draft" from before the tap.
    await store.reports.save({ ...filled, proposals: { text: 'x' } });
    expect((await store.reports.get(created.id))?.document.status).toBe('ready');
    expect((await store.reports.reopen(created.id)).status).toBe('draft');
  });

  it('commits mark-ready with strict durability, and autosave with the default', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    const durability: string[] = [];
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'reports') durability.push(this.transaction.durability);
      return put.apply(this, args);
    });
    await store.reports.save({ ...created.document, membership: { ...created.document.membership, workers: 10, members: 9 } });
    await store.reports.markReady(created.id);
    expect(durability).toEqual(['default', 'strict']);
  });

  it('deletes a report and its queued push', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    await store.reports.delete(created.id);
    expect(await store.reports.get(created.id)).toBeUndefined();
    expect(await store.db.outbox.get(created.id)).toBeUndefined();
  });

  it('lists the most recently edited report first', async () => {
    store = await openFreshStore();
    const older = await store.reports.create({ year: 2023, kind: 'yearly' });
    const newer = await store.reports.create({ year: 2024, kind: 'yearly' });
    // Edited on distinct days, as on a real phone (same-millisecond ties carry no meaning).
    await store.db.reports.update(older.id, { updatedAt: '2024-01-01T00:00:00.000Z' });
    await store.db.reports.update(newer.id, { updatedAt: '2024-02-01T00:00:00.000Z' });
    expect((await store.reports.list()).map((r) => r.document.period.year)).toEqual([2024, 2023]);
    await store.reports.save({ ...older.document, proposals: { text: 'sửa' } });
    expect((await store.reports.list()).map((r) => r.document.period.year)).toEqual([2023, 2024]);
  });

  it('turns a full disk into StorageFullError and tells the UI', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    let diskFull = true;
    refusePuts('reports', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'), () => diskFull);
    const events: DatabaseEvent[] = [];
    const stop = onDatabaseEvent((event) => events.push(event));
    await expect(store.reports.save({ ...created.document, proposals: { text: 'x' } })).rejects.toBeInstanceOf(
      StorageFullError,
    );
    expect(events).toContainEqual({ kind: 'quotaExceeded' });
    expect((await store.db.reports.get(created.id))?.document.proposals.text).toBe('');
    // Space freed: the next save goes through and the banner may go.
    diskFull = false;
    await store.reports.save({ ...created.document, proposals: { text: 'y' } });
    stop();
    expect(events.at(-1)).toEqual({ kind: 'quotaRecovered' });
  });

  it('keeps settings by key', async () => {
    store = await openFreshStore();
    expect(await store.settings.get('language')).toBeUndefined();
    await store.settings.set('language', 'en');
    await store.settings.set('profile', { unionName: 'CĐCS Công ty A', employer: 'Công ty A', sector: 'private', district: 'Dương Minh Châu' });
    expect(await store.settings.get('language')).toBe('en');
    expect((await store.settings.get('profile'))?.sector).toBe('private');
  });
});
