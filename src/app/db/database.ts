/**
 * The device's database, opened twice on the same IndexedDB:
 * - `db` for autosave, with the browser's default durability (Chromium: relaxed, fast);
 * - `strictDb` with `chromeTransactionDurability: 'strict'` for commits that must survive a power
 *   cut (mark ready, import). Dexie 4 sets durability per Dexie instance only (its transactions
 *   take no durability option), hence the second instance.
 * `strictDb` opens first so that it is the connection that runs version upgrades.
 * The backup repository (`./backup`) is built on demand by the backup screen, so its code and the
 * backup format's schema stay out of the entry bundle.
 */
import Dexie, { type DexieOptions } from 'dexie';
import { emitDatabaseEvent } from './events';
import { flushPendingWrites } from './pendingWrites';
import type { FormRepository } from './forms';
import { ReportRepository } from './reports';
import { DATABASE_NAME, declareVersions, type ReportDatabase } from './schema';
import { SettingsRepository } from './settings';
import { withStorageErrors } from './errors';

export interface LocalStoreOptions {
  name?: string;
  /** For tests: fake-indexeddb's `indexedDB` and `IDBKeyRange`. */
  dexie?: Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;
}

function createDatabase(name: string, options: DexieOptions): ReportDatabase {
  const db = new Dexie(name, options) as ReportDatabase;
  declareVersions(db);
  return db;
}

export class LocalStore {
  readonly db: ReportDatabase;
  readonly strictDb: ReportDatabase;
  readonly reports: ReportRepository;
  readonly settings: SettingsRepository;
  /**
   * The forms this phone holds (`forms.ts`), loaded with the first screen or pull that needs one, not
   * with the app's start (bundle budget).
   */
  readonly forms: Pick<FormRepository, 'get' | 'put' | 'listStored'> = {
    get: async (ref) => (await this.formRepository()).get(ref),
    put: async (definitions) => (await this.formRepository()).put(definitions),
    listStored: async () => (await this.formRepository()).listStored(),
  };
  private closedForUpgrade = false;

  constructor(options: LocalStoreOptions = {}) {
    const name = options.name ?? DATABASE_NAME;
    this.strictDb = createDatabase(name, { ...options.dexie, chromeTransactionDurability: 'strict', autoOpen: true });
    this.db = createDatabase(name, { ...options.dexie, autoOpen: true });
    for (const db of [this.db, this.strictDb]) {
      // Returning false stops Dexie's default handler, which would close before the draft is flushed.
      db.on('versionchange', () => {
        void this.closeForUpgrade();
        return false;
      });
      db.on('blocked', () => emitDatabaseEvent({ kind: 'blocked' }));
    }
    this.reports = new ReportRepository(this);
    this.settings = new SettingsRepository(this);
  }

  private async formRepository(): Promise<FormRepository> {
    const { FormRepository } = await import('./forms');
    return new FormRepository(this);
  }

  /** Open both connections (upgrading the data if needed). Safe to call more than once. */
  async open(): Promise<void> {
    await withStorageErrors(async () => {
      await this.strictDb.open();
      await this.db.open();
    });
  }

  get isClosedForUpgrade(): boolean {
    return this.closedForUpgrade;
  }

  /** Another tab wants a newer version: commit waiting edits, let go of the database, ask to reload. */
  private async closeForUpgrade(): Promise<void> {
    if (this.closedForUpgrade) return;
    this.closedForUpgrade = true;
    try {
      await flushPendingWrites();
    } catch {
      // The edits stay on screen; the banner tells the officer to reload, and the other tab is waiting.
    } finally {
      this.db.close();
      this.strictDb.close();
      emitDatabaseEvent({ kind: 'versionchange' });
    }
  }

  close(): void {
    this.db.close();
    this.strictDb.close();
  }
}

let shared: LocalStore | null = null;

/** The app's one store. Tests make their own `new LocalStore(...)`. */
export function getLocalStore(): LocalStore {
  shared ??= new LocalStore();
  return shared;
}
