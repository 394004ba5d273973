/**
 * The device's database, opened twice on the same IndexedDB:
 * - `db` for autosave, with the browser's default durability (Chromium: relaxed, fast);
 * - `strictDb` with `chromeTransactionDurability: 'strict'` for commits that must survive a power
 *   cut (mark ready, import). Dexie 4 sets durability per Dexie instance only (its transactions
 *   take no durability option), hence the second instance.
 * `strictDb` is made and opened on its first use, not at start: the editor's first screen uses only `db`,
 * and every Dexie instance made at start is its four versions' schemas declared and checked against the
 * stored one (profiles of a 20× cold start gave ≈ 0,3 s to making the one instance left). Version upgrades run in whichever connection opens first; that is no matter, as
 * an upgrade runs in the browser's own versionchange transaction, which neither durability setting reaches.
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
  #strictDb: ReportDatabase | null = null;
  readonly #name: string;
  readonly #options: LocalStoreOptions;
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
    this.#name = options.name ?? DATABASE_NAME;
    this.#options = options;
    this.db = this.#connect({ autoOpen: true });
    this.reports = new ReportRepository(this);
    this.settings = new SettingsRepository(this);
  }

  /** The connection for commits that must survive a power cut; opens on its first transaction. */
  get strictDb(): ReportDatabase {
    if (!this.#strictDb) {
      this.#strictDb = this.#connect({ chromeTransactionDurability: 'strict', autoOpen: true });
      // Closed for another tab's upgrade before its first use: it must not open and hold that tab back.
      if (this.closedForUpgrade) this.#strictDb.close();
    }
    return this.#strictDb;
  }

  #connect(options: DexieOptions): ReportDatabase {
    const db = createDatabase(this.#name, { ...this.#options.dexie, ...options });
    // Returning false stops Dexie's default handler, which would close before the draft is flushed.
    db.on('versionchange', () => {
      void this.closeForUpgrade();
      return false;
    });
    db.on('blocked', () => emitDatabaseEvent({ kind: 'blocked' }));
    return db;
  }

  private async formRepository(): Promise<FormRepository> {
    const { FormRepository } = await import('./forms');
    return new FormRepository(this);
  }

  /** Opens the database (upgrading the data if needed); the strict connection opens on its first use. Safe to call more than once. */
  async open(): Promise<void> {
    await withStorageErrors(async () => {
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
      this.close();
      emitDatabaseEvent({ kind: 'versionchange' });
    }
  }

  close(): void {
    this.db.close();
    this.#strictDb?.close();
  }
}

let shared: LocalStore | null = null;

/** The app's one store. Tests make their own `new LocalStore(...)`. */
export function getLocalStore(): LocalStore {
  shared ??= new LocalStore();
  return shared;
}
