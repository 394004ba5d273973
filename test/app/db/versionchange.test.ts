import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  DatabaseClosedError,
  onDatabaseEvent,
  registerPendingWriteSource,
  type DatabaseEvent,
} from '../../../src/app/db';
import { VERSION_2_STORES, type StoredReport } from '../../../src/app/db/schema';
import { fakeIndexedDb, freshDatabaseName, openFreshStore } from './helpers';

describe('another tab opens a newer version', () => {
  it('flushes the waiting draft, lets go of the database and asks to reload', async () => {
    const name = freshDatabaseName();
    const store = await openFreshStore(name);
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });

    // An edit still inside the autosave debounce when the other tab upgrades.
    let waiting = { ...created.document, proposals: { text: 'Gõ dở, chưa lưu' } };
    let pending = true;
    const unregister = registerPendingWriteSource({
      hasPendingWrites: () => pending,
      flush: async () => {
        if (!pending) return;
        waiting = await store.reports.save(waiting);
        pending = false;
      },
    });
    const events: DatabaseEvent[] = [];
    const reloadAsked = new Promise<void>((resolve) => {
      const stop = onDatabaseEvent((event) => {
        events.push(event);
        if (event.kind === 'versionchange') {
          stop();
          resolve();
        }
      });
    });

    // The newer app version in the other tab: opening it must not be blocked by this tab.
    const newer = new Dexie(name, fakeIndexedDb);
    newer.version(2).stores(VERSION_2_STORES);
    newer.version(3).stores({ ...VERSION_2_STORES, reports: 'id, periodKey, updatedAt, sync.pending' });
    await newer.open();
    await reloadAsked;
    unregister();

    expect(events).toEqual([{ kind: 'versionchange' }]);
    expect(store.isClosedForUpgrade).toBe(true);
    const flushed = await newer.table<StoredReport, string>('reports').get(created.id);
    expect(flushed?.document.proposals.text).toBe('Gõ dở, chưa lưu');
    // This tab no longer writes; the UI shows the reload banner instead of failing silently.
    await expect(store.reports.save(waiting)).rejects.toBeInstanceOf(DatabaseClosedError);
    newer.close();
  });

  it('refuses a deletion after letting go, without opening the database again', async () => {
    // The connection for commits that must survive a power cut opens on its first use, which here
    // comes after the other tab's upgrade: it must not open and hold the newer version back.
    const name = freshDatabaseName();
    const store = await openFreshStore(name);
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    const reloadAsked = new Promise<void>((resolve) => {
      const stop = onDatabaseEvent((event) => {
        if (event.kind !== 'versionchange') return;
        stop();
        resolve();
      });
    });
    const newer = new Dexie(name, fakeIndexedDb);
    newer.version(50).stores(VERSION_2_STORES);
    await newer.open();
    await reloadAsked;

    // A deletion commits through that connection only.
    await expect(store.reports.delete(created.id)).rejects.toBeInstanceOf(DatabaseClosedError);
    expect(store.strictDb.isOpen()).toBe(false);
    // A yet newer version in a third tab opens with nothing of this tab in its way.
    newer.close();
    const newest = new Dexie(name, fakeIndexedDb);
    newest.version(60).stores(VERSION_2_STORES);
    let blocked = false;
    newest.on('blocked', () => {
      blocked = true;
    });
    await newest.open();
    expect(blocked).toBe(false);
    expect((await newest.table<StoredReport, string>('reports').get(created.id))?.document.status).toBe('draft');
    newest.close();
  });
});
