/** Opens the store the configuration names: PostgreSQL for a postgres:// URL, else a SQLite file. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { PipelinedPostgresDialect } from './postgresDriver';
import { GroupCommitSqliteDialect } from './sqliteDriver';
import { KyselyStore, type Store } from './store';

export type StoreConfig =
  | {
      kind: 'sqlite';
      file: string;
      /** FULL unless a benchmark compares (bench/sqlite-synchronous.ts); never set from the environment. */
      synchronous?: 'FULL' | 'NORMAL';
    }
  | { kind: 'postgres'; url: string; /** Tests isolate themselves in their own schema. */ schema?: string; maxConnections?: number };

export function openStore(config: StoreConfig): Store {
  if (config.kind === 'sqlite') {
    mkdirSync(dirname(config.file), { recursive: true });
    const database = new BetterSqlite3(config.file);
    // WAL lets the dashboard read while a device writes; busy_timeout makes the admin CLI wait for the
    // server's write instead of failing.
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    // FULL: a push answered 200 is on the disk, even after a power cut (WAL with NORMAL may lose the
    // last commits, and the phone, told they were saved, would not send them again). Its cost on pushes
    // is measured in docs/decisions/0004-hardening-behind-a-proxy.md.
    database.pragma(`synchronous = ${config.synchronous ?? 'FULL'}`);
    database.pragma('foreign_keys = ON');
    return new KyselyStore(new Kysely<Database>({ dialect: new GroupCommitSqliteDialect(database) }), 'sqlite');
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
