/** Opens the store the configuration names: PostgreSQL for a postgres:// URL, else a SQLite file. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { PipelinedPostgresDialect } from './postgresDriver';
import { GroupCommitSqliteDialect, type SyncFile } from './sqliteDriver';
import { FOLD_FUNCTION, foldSearchFunction } from './periodTable';
import { KyselyStore, type Store } from './store';

export type StoreConfig =
  | {
      kind: 'sqlite';
      file: string;
      /**
       * How a commit reaches the disk before it is answered; never set from the environment. `wal` (as
       * served): the driver syncs the WAL off the event loop. `full`: `synchronous = FULL`, SQLite syncs inside
       * the commit, on the event loop. `none`: no sync at all, which can lose answered pushes on a power cut:
       * a benchmark's floor only (bench/sqlite-durability.ts compares the three).
       */
      durability?: 'wal' | 'full' | 'none';
      /** How the driver syncs the WAL file: tests hold it. */
      syncFile?: SyncFile;
    }
  | { kind: 'postgres'; url: string; /** Tests isolate themselves in their own schema. */ schema?: string; maxConnections?: number };

export function openStore(config: StoreConfig): Store {
  if (config.kind === 'sqlite') {
    mkdirSync(dirname(config.file), { recursive: true });
    const database = new BetterSqlite3(config.file);
    // WAL lets the dashboard read while a device writes; busy_timeout makes the admin CLI wait for the
    // server's write instead of failing.
    const journal = database.pragma('journal_mode = WAL', { simple: true }) as string;
    database.pragma('busy_timeout = 5000');
    // A push answered 200 must be on the disk, even after a power cut: under WAL, NORMAL alone may lose the
    // last commits, and the phone, told they were saved, would not send them again. So either SQLite syncs
    // each commit (FULL) or the driver syncs the WAL before answering (`wal`, the default: the same
    // guarantee with the event loop free while the disk works; docs/decisions/0005).
    // A file system where SQLite cannot keep a WAL (it stays in its rollback journal) has no WAL file to
    // sync: SQLite then syncs each commit itself.
    const durability = journal.toLowerCase() !== 'wal' && config.durability !== 'none' ? 'full' : (config.durability ?? 'wal');
    database.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    database.pragma('foreign_keys = ON');
    // The period table's search and name order fold text as the browser does (./periodTable.ts).
    database.function(FOLD_FUNCTION, { deterministic: true }, foldSearchFunction);
    return new KyselyStore(new Kysely<Database>({ dialect: new GroupCommitSqliteDialect(database, { syncWal: durability === 'wal', syncFile: config.syncFile }) }), 'sqlite');
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.maxConnections ?? 10,
    // Queries go on the wire without waiting for the answer before (src/server/store/postgresDriver.ts).
    pipeline: true,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  // An idle client that loses its connection must not take the process down; the next query reconnects.
  pool.on('error', () => undefined);
  return new KyselyStore(new Kysely<Database>({ dialect: new PipelinedPostgresDialect(pool) }), 'postgres');
}
