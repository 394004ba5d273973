/**
 * An origin's IndexedDB and localStorage as plain JSON, read and written with the browser's own API
 * (no Dexie): what an old build left on a phone, kept as a fixture and recreated under a new build
 * (test/e2e/idbUpgrade.test.ts, written by test/e2e/fixtures/write-idb-8a22e3f-fixture.ts).
 *
 * The page scripts are source strings, not functions: a function handed to `page.evaluate` is sent as
 * its text, and the TypeScript transform (tsx, vitest) may add helpers to it that the page lacks.
 */
import type { Page } from 'playwright-core';

export interface StoredIndex {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}

export interface StoredObjectStore {
  name: string;
  /** null: keys are out of line (each record's `key` is then the only key). */
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: StoredIndex[];
  /** In key order, each with its primary key (for in-line keys the same as the value's). */
  records: { key: unknown; value: unknown }[];
}

export interface StoredDatabase {
  name: string;
  version: number;
  stores: StoredObjectStore[];
}

export interface OriginStorage {
  databases: StoredDatabase[];
  localStorage: Record<string, string>;
}

/**
 * Every database of the page's origin (by name), every store with its key path and indexes, every key
 * and record, and localStorage. Refuses a value JSON would not carry unchanged (a Date, a Blob, an
 * undefined property, NaN …): the fixture would then not be what the old build wrote.
 */
const DUMP_ORIGIN_STORAGE = `(async () => {
  const ask = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const checkPlain = (value, where) => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || Object.is(value, -0)) throw new Error(where + ': number JSON does not keep: ' + value);
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw new Error(where + ': sparse array');
        checkPlain(value[i], where + '[' + i + ']');
      }
      return;
    }
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      for (const key of Object.keys(value)) checkPlain(value[key], where + '.' + key);
      return;
    }
    throw new Error(where + ': not plain JSON: ' + Object.prototype.toString.call(value));
  };
  const databases = [];
  const listed = (await indexedDB.databases()).map((info) => info.name).sort();
  for (const name of listed) {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onupgradeneeded = () => reject(new Error('database vanished: ' + name));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const stores = [];
    for (const storeName of [...db.objectStoreNames]) {
      const store = db.transaction(storeName, 'readonly').objectStore(storeName);
      const indexes = [...store.indexNames].map((indexName) => {
        const index = store.index(indexName);
        return { name: indexName, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
      });
      const keysAsked = ask(store.getAllKeys());
      const values = await ask(store.getAll());
      const keys = await keysAsked;
      const records = keys.map((key, i) => ({ key, value: values[i] }));
      checkPlain(records, name + '/' + storeName);
      stores.push({ name: storeName, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes, records });
    }
    databases.push({ name, version: db.version, stores });
    db.close();
  }
  const local = {};
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    local[key] = localStorage.getItem(key);
  }
  return { databases, localStorage: local };
})()`;

/**
 * Creates every database exactly as described (version, stores, indexes, records, in one versionchange
 * transaction each) and sets localStorage. The origin must hold none of them yet: a database already
 * there is an error, never merged into.
 */
const RESTORE_ORIGIN_STORAGE = `async (storage) => {
  for (const database of storage.databases) {
    await new Promise((resolve, reject) => {
      const request = indexedDB.open(database.name, database.version);
      request.onupgradeneeded = (event) => {
        if (event.oldVersion !== 0) {
          request.transaction.abort();
          return;
        }
        const db = request.result;
        for (const described of database.stores) {
          const store = db.createObjectStore(described.name, { keyPath: described.keyPath, autoIncrement: described.autoIncrement });
          for (const index of described.indexes) store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
          for (const record of described.records) {
            if (described.keyPath === null) store.add(record.value, record.key);
            else store.add(record.value);
          }
        }
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error ?? new Error('could not create ' + database.name));
    });
  }
  for (const [key, value] of Object.entries(storage.localStorage)) localStorage.setItem(key, value);
}`;

/** The origin's storage as the page sees it now (see DUMP_ORIGIN_STORAGE). */
export async function dumpOriginStorage(page: Page): Promise<OriginStorage> {
  return (await page.evaluate(DUMP_ORIGIN_STORAGE)) as OriginStorage;
}

/** Recreates `storage` on the page's origin, which must not hold those databases yet. */
export async function restoreOriginStorage(page: Page, storage: OriginStorage): Promise<void> {
  await page.evaluate(`(${RESTORE_ORIGIN_STORAGE})(${JSON.stringify(storage)})`);
}

/**
 * A page of `origin` that runs none of the app (served by the test, not the server): where storage is
 * read or written around the app, before it starts or after it stops.
 */
export async function openBlankPageOf(page: Page, origin: string): Promise<void> {
  const url = `${origin}/__origin-storage`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>storage</title>' }));
  await page.goto(url);
}
