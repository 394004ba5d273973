/**
 * One open connection to either store, with what a whole-store copy (./copy.ts) needs of it: the tables,
 * columns and references as the database itself lists them, rows a batch at a time inside a snapshot,
 * inserts, and the transaction. Raw better-sqlite3 and pg, not Kysely: a copy reads tables no query
 * type names.
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { StoreConfig } from './open';

export type Row = Record<string, unknown>;

/** Rows per INSERT: documents are up to 256 KB, so a batch stays a few MB. */
export const BATCH_ROWS = 200;

export interface ForeignKey {
  column: string;
  table: string;
  referenced: string;
}

/** One open connection to either store, with what a copy needs of it. */
export interface Connection {
  /** Tables of the database, Kysely's migration tables included, by name. */
  tables(): Promise<string[]>;
  columns(table: string): Promise<string[]>;
  foreignKeys(table: string): Promise<ForeignKey[]>;
  count(table: string): Promise<number>;
  /** Rows of a table a batch at a time (inside the snapshot the caller began). */
  batches(table: string, columns: string[]): AsyncIterable<Row[]>;
  insert(table: string, columns: string[], rows: Row[]): Promise<void>;
  beginSnapshot(): Promise<void>;
  beginWrite(): Promise<void>;
  /** Before a write commits: the rows that point at a row that is not there (the copy refuses to commit them). */
  brokenForeignKeys(): Promise<{ table: string; parent: string }[]>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

export function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export class SqliteConnection implements Connection {
  readonly db: BetterSqlite3.Database;
  constructor(file: string, options: { readonly?: boolean } = {}) {
    this.db = new BetterSqlite3(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    this.db.pragma('busy_timeout = 5000');
  }
  async tables() {
    return (this.db.prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((row) => row.name);
  }
  async columns(table: string) {
    return (this.db.prepare('select name from pragma_table_info(?) order by cid').all(table) as { name: string }[]).map((row) => row.name);
  }
  async foreignKeys(table: string) {
    const keys = this.db.prepare('select "from" as "column", "table", "to" as referenced from pragma_foreign_key_list(?)').all(table) as ForeignKey[];
    return keys.map((key) => ({ ...key, referenced: key.referenced ?? 'id' }));
  }
  async count(table: string) {
    return (this.db.prepare(`select count(*) as n from ${quote(table)}`).get() as { n: number }).n;
  }
  async *batches(table: string, columns: string[]) {
    let batch: Row[] = [];
    for (const row of this.db.prepare(`select ${columns.map(quote).join(', ')} from ${quote(table)}`).iterate() as Iterable<Row>) {
      batch.push(row);
      if (batch.length === BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  async insert(table: string, columns: string[], rows: Row[]) {
    const statement = this.db.prepare(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    for (const row of rows) statement.run(columns.map((column) => row[column]));
  }
  async beginSnapshot() {
    // A read transaction starts at its first read: read now, so the snapshot is this instant's.
    this.db.exec('begin');
    this.db.prepare('select count(*) from sqlite_schema').get();
  }
  async beginWrite() {
    // Rows arrive table by table, a child's before its parent's at times: the keys are checked once, at the end.
    this.db.pragma('foreign_keys = OFF');
    this.db.exec('begin immediate');
  }
  async brokenForeignKeys() {
    return this.db.pragma('foreign_key_check') as { table: string; parent: string }[];
  }
  async commit() {
    this.db.exec('commit');
  }
  async rollback() {
    if (this.db.inTransaction) this.db.exec('rollback');
  }
  async close() {
    this.db.close();
  }
}

export class PostgresConnection implements Connection {
  private cursors = 0;
  constructor(readonly client: pg.Client) {}
  static async open(config: Extract<StoreConfig, { kind: 'postgres' }>): Promise<PostgresConnection> {
    const client = new pg.Client({ connectionString: config.url, ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}) });
    await client.connect();
    return new PostgresConnection(client);
  }
  async tables() {
    const { rows } = await this.client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
    );
    return rows.map((row) => row.name);
  }
  async columns(table: string) {
    const { rows } = await this.client.query<{ name: string }>(
      'select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position',
      [table],
    );
    return rows.map((row) => row.name);
  }
  async foreignKeys(table: string) {
    const { rows } = await this.client.query<ForeignKey>(
      `select a.attname as "column", referenced_table.relname as "table", ra.attname as referenced
         from pg_constraint c
         join pg_class own on own.oid = c.conrelid
         join pg_namespace n on n.oid = own.relnamespace
         join pg_class referenced_table on referenced_table.oid = c.confrelid
         cross join lateral unnest(c.conkey, c.confkey) as k(attnum, referenced_attnum)
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
         join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = k.referenced_attnum
        where c.contype = 'f' and n.nspname = current_schema() and own.relname = $1`,
      [table],
    );
    return rows;
  }
  async count(table: string) {
    const { rows } = await this.client.query<{ n: string }>(`select count(*) as n from ${quote(table)}`);
    return Number(rows[0]?.n ?? 0);
  }
  async *batches(table: string, columns: string[]) {
    // A cursor inside the snapshot: the table never sits in memory whole.
    const cursor = `copy_${++this.cursors}`;
    await this.client.query(`declare ${cursor} no scroll cursor for select ${columns.map(quote).join(', ')} from ${quote(table)}`);
    for (;;) {
      const { rows } = await this.client.query<Row>(`fetch ${BATCH_ROWS} from ${cursor}`);
      if (rows.length === 0) break;
      yield rows;
    }
    await this.client.query(`close ${cursor}`);
  }
  async insert(table: string, columns: string[], rows: Row[]) {
    const values: unknown[] = [];
    const tuples = rows.map((row) => `(${columns.map((column) => `$${values.push(row[column])}`).join(', ')})`);
    await this.client.query(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}`, values);
  }
  async beginSnapshot() {
    await this.client.query('begin isolation level repeatable read read only');
  }
  async beginWrite() {
    await this.client.query('begin');
  }
  async brokenForeignKeys() {
    // PostgreSQL checked each row as it went in (tables are inserted parents first).
    return [];
  }
  async commit() {
    await this.client.query('commit');
  }
  async rollback() {
    await this.client.query('rollback').catch(() => undefined);
  }
  async close() {
    await this.client.end();
  }
}

export async function connect(config: StoreConfig, options: { readonly?: boolean } = {}): Promise<Connection> {
  return config.kind === 'sqlite' ? new SqliteConnection(config.file, options) : PostgresConnection.open(config);
}
