import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { LocalStore, type LocalStoreOptions } from '../../../src/app/db';

/** fake-indexeddb passed explicitly, so import order never decides which IndexedDB Dexie sees. */
export const fakeIndexedDb = { indexedDB, IDBKeyRange };

let counter = 0;

export function freshDatabaseName(): string {
  return `test-${process.pid}-${++counter}-${Date.now()}`;
}

/**
 * A fresh store on its own fake IndexedDB database, so tests never share data. `dexie`: another
 * fake IndexedDB altogether (a simulated second phone, test/app/sync/devices.ts).
 */
export async function openFreshStore(name = freshDatabaseName(), dexie: LocalStoreOptions['dexie'] = fakeIndexedDb): Promise<LocalStore> {
  const store = new LocalStore({ name, dexie });
  await store.open();
  return store;
}
