/**
 * Copies a whole store into another, table by table, whatever the two stores are (docs/decisions/0013-backups.md):
 * a backup of PostgreSQL into a SQLite file, a restore of a backup file into SQLite or PostgreSQL, and the
 * move from SQLite to PostgreSQL. The tables are read from the database itself, not from a list here, so a
 * table a later migration adds is copied without anyone remembering to add it.
 *
 * The source is read inside one snapshot (one read transaction on SQLite, REPEATABLE READ on PostgreSQL):
 * writers go on, and the copy holds the store as it was at one instant. The target is first migrated to
 * the source's version (Kysely's migration table says which), then filled in one transaction, its rows
 * counted against the source's, and only then migrated to this version's latest: so a backup made by an
 * older version restores into a newer one. A restore's or a move's audit entry goes into that same
 * transaction (the copy and its record exist together or not at all); only a source older than the
 * audit log (migration 0016) has it written after the upgrade, when the table exists.
 */
import { existsSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { auditRow, type NewAuditEntry } from './audit';
import { migrations } from './migrations';
import { openStore, type StoreConfig } from './open';
import { BATCH_ROWS, connect, type Connection, type ForeignKey, PostgresConnection, quote, type Row, SqliteConnection } from './copyConnection';

/** Kysely's own tables: they say the version; the target's migrator writes its own. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface TableCount {
  table: string;
  rows: number;
}

export interface CopyOutcome {
  /** The source's last migration. */
  version: string;
  tables: TableCount[];
  rows: number;
}

export type CopyRefusalCode = 'not_ours' | 'newer_version' | 'not_empty' | 'unknown_table' | 'count_mismatch' | 'foreign_keys';

/** Why a copy did not happen (or was rolled back), for the command line to say in Vietnamese. */
export class CopyRefusal extends Error {
  constructor(
    readonly code: CopyRefusalCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The source's last migration, which the target is migrated to before the rows go in. */
async function migrationVersion(connection: Connection): Promise<string | null> {
  if (!(await connection.tables()).includes('kysely_migration')) return null;
  let last: string | null = null;
  for await (const batch of connection.batches('kysely_migration', ['name']))
    for (const row of batch) if (last === null || String(row.name) > last) last = String(row.name);
  return last;
}

/** Data tables (not Kysely's) in an order where every table comes after those it references. */
async function parentsFirst(connection: Connection, tables: string[]): Promise<{ table: string; selfKeys: ForeignKey[] }[]> {
  const keys = new Map<string, ForeignKey[]>();
  for (const table of tables) keys.set(table, await connection.foreignKeys(table));
  const ordered: { table: string; selfKeys: ForeignKey[] }[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find(
      (table) => !placed.has(table) && (keys.get(table) ?? []).every((key) => key.table === table || placed.has(key.table) || !tables.includes(key.table)),
    );
    if (next === undefined) throw new Error(`the tables' references go round in a circle: ${tables.filter((table) => !placed.has(table)).join(', ')}`);
    placed.add(next);
    ordered.push({ table: next, selfKeys: (keys.get(next) ?? []).filter((key) => key.table === next) });
  }
  return ordered;
}

/** A table that references itself (nodes → parent): each row after the row it points at. */
function rowsParentsFirst(rows: Row[], selfKeys: ForeignKey[]): Row[] {
  const present = (key: ForeignKey) => new Set(rows.map((row) => row[key.referenced]));
  const referencedValues = selfKeys.map((key) => ({ key, values: present(key) }));
  const placed = selfKeys.map(() => new Set<unknown>());
  const ordered: Row[] = [];
  let waiting = rows;
  while (waiting.length > 0) {
    const ready = waiting.filter((row) =>
      referencedValues.every(({ key, values }, index) => row[key.column] === null || !values.has(row[key.column]) || placed[index]?.has(row[key.column])),
    );
    if (ready.length === 0) throw new Error('rows of a table point at each other in a circle');
    for (const row of ready) {
      ordered.push(row);
      referencedValues.forEach(({ key }, index) => placed[index]?.add(row[key.referenced]));
    }
    const readySet = new Set(ready);
    waiting = waiting.filter((row) => !readySet.has(row));
  }
  return ordered;
}

async function dataTables(connection: Connection): Promise<string[]> {
  return (await connection.tables()).filter((table) => !MIGRATION_TABLES.has(table));
}

/** Each data table's rows, by name. */
export async function countRows(config: StoreConfig): Promise<TableCount[]> {
  const connection = await connect(config);
  try {
    const counts: TableCount[] = [];
    for (const table of await dataTables(connection)) counts.push({ table, rows: await connection.count(table) });
    return counts;
  } finally {
    await connection.close();
  }
}

/** Empty: a SQLite file that is not there, or a database none of whose tables holds a row. */
export async function isEmptyStore(config: StoreConfig): Promise<boolean> {
  if (config.kind === 'sqlite' && !existsSync(config.file)) return true;
  return (await countRows(config)).every((table) => table.rows === 0);
}

/** Throws the store away: the SQLite file (with its WAL), or every table of the PostgreSQL schema. */
async function wipeStore(config: StoreConfig): Promise<void> {
  if (config.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.file}${suffix}`, { force: true });
    return;
  }
  const connection = await PostgresConnection.open(config);
  try {
    for (const table of await connection.tables()) await connection.client.query(`drop table if exists ${quote(table)} cascade`);
  } finally {
    await connection.close();
  }
}

/**
 * Copies every row of `source` into `target` (see the top of this file). A target that holds rows is
 * refused unless `force`, which throws it away first. `upgrade` migrates the target to this version's
 * latest after the copy (a restore, a move); a backup file keeps the source's version.
 */
export async function copyStore(
  source: StoreConfig,
  target: StoreConfig,
  options: { force: boolean; upgrade: boolean; audit?: (copied: CopyOutcome) => NewAuditEntry },
): Promise<CopyOutcome> {
  const from = await connect(source);
  try {
    await from.beginSnapshot();
    const version = await migrationVersion(from);
    if (version === null) throw new CopyRefusal('not_ours', 'the source holds no migrations of this server');
    if (!(version in migrations)) throw new CopyRefusal('newer_version', `the source is at migration ${version}, which this version does not know`, { version });
    if (!(await isEmptyStore(target))) {
      if (!options.force) throw new CopyRefusal('not_empty', 'the target already holds data', { tables: (await countRows(target)).filter((table) => table.rows > 0) });
      await wipeStore(target);
    }
    const migrated = openStore(target);
    try {
      await migrated.migrate({ to: version });
    } finally {
      await migrated.close();
    }
    const outcome = (tables: TableCount[]): CopyOutcome => ({ version, tables, rows: tables.reduce((sum, table) => sum + table.rows, 0) });
    const record = options.audit;
    const { tables, recorded } = await copyRows(from, await connect(target), record && ((copied) => ({ ...auditRow(record(outcome(copied))) })));
    if (options.upgrade || (record && !recorded)) {
      const upgraded = openStore(target);
      try {
        await upgraded.migrate();
        // A source older than the audit log: its entry once the upgrade made the table.
        if (record && !recorded) await upgraded.write((tx) => tx.insertAuditEntry(record(outcome(tables))));
      } finally {
        await upgraded.close();
      }
    }
    return outcome(tables);
  } finally {
    await from.rollback();
    await from.close();
  }
}

/**
 * The rows of every data table of `from` (in its snapshot) into `to`, in one transaction, counted on both
 * sides; then, in the same transaction, the audit entry `auditOf` makes of the counts, when the target's
 * `audit_log` at this version takes it (`recorded`).
 */
async function copyRows(from: Connection, to: Connection, auditOf?: (copied: TableCount[]) => Row): Promise<{ tables: TableCount[]; recorded: boolean }> {
  try {
    const tables = await dataTables(from);
    const known = new Set(await to.tables());
    const unknown = tables.filter((table) => !known.has(table));
    if (unknown.length > 0) throw new CopyRefusal('unknown_table', `the target has no table ${unknown.join(', ')}`, { tables: unknown });
    await to.beginWrite();
    const counts: TableCount[] = [];
    for (const { table, selfKeys } of await parentsFirst(to, tables)) {
      const columns = await from.columns(table);
      const targetColumns = new Set(await to.columns(table));
      const missing = columns.filter((column) => !targetColumns.has(column));
      if (missing.length > 0) throw new CopyRefusal('unknown_table', `the target's ${table} has no column ${missing.join(', ')}`, { table, columns: missing });
      if (selfKeys.length > 0) {
        const rows: Row[] = [];
        for await (const batch of from.batches(table, columns)) rows.push(...batch);
        const ordered = rowsParentsFirst(rows, selfKeys);
        for (let start = 0; start < ordered.length; start += BATCH_ROWS) await to.insert(table, columns, ordered.slice(start, start + BATCH_ROWS));
      } else for await (const batch of from.batches(table, columns)) await to.insert(table, columns, batch);
      const expected = await from.count(table);
      const copied = await to.count(table);
      if (copied !== expected) throw new CopyRefusal('count_mismatch', `${table}: ${copied} rows copied of ${expected}`, { table, expected, copied });
      counts.push({ table, rows: copied });
    }
    counts.sort((a, b) => a.table.localeCompare(b.table));
    let recorded = false;
    if (auditOf && known.has('audit_log')) {
      const entry = auditOf(counts);
      const columns = Object.keys(entry);
      const auditColumns = new Set(await to.columns('audit_log'));
      if (columns.every((column) => auditColumns.has(column))) {
        await to.insert('audit_log', columns, [entry]);
        recorded = true;
      }
    }
    const broken = await to.brokenForeignKeys();
    if (broken.length > 0)
      throw new CopyRefusal('foreign_keys', `${broken.length} rows point at rows that are not there (first: ${broken[0]?.table} → ${broken[0]?.parent})`, { broken: broken.length });
    await to.commit();
    return { tables: counts, recorded };
  } catch (error) {
    await to.rollback();
    throw error;
  } finally {
    await to.close();
  }
}

/**
 * SQLite's online backup of a live database file into `destination`, from a connection of its own: all
 * pages in one step, so that a write by the server in between cannot make SQLite start over (under WAL
 * the step reads one snapshot and writers go on). The copy is left in rollback-journal mode: one file.
 */
export async function sqliteOnlineBackup(sourceFile: string, destination: string): Promise<void> {
  const source = new BetterSqlite3(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new BetterSqlite3(destination);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** A SQLite file whose copy (PostgreSQL → SQLite) ended: one file, no WAL beside it. */
export function closeAsSingleFile(file: string): void {
  const copy = new BetterSqlite3(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

export interface BackupCheck {
  /** 'ok', or what SQLite's integrity check found. */
  integrity: string;
  /** Rows pointing at rows that are not there. */
  brokenReferences: number;
  version: string | null;
  tables: TableCount[];
  rows: number;
  ok: boolean;
}

/** Checks a backup file: SQLite's integrity check, its references, its version, every table's rows counted. */
export async function checkBackupFile(file: string): Promise<BackupCheck> {
  const connection = new SqliteConnection(file, { readonly: true });
  try {
    const integrity = (connection.db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ');
    const brokenReferences = (await connection.brokenForeignKeys()).length;
    const version = await migrationVersion(connection);
    const tables: TableCount[] = [];
    for (const table of await dataTables(connection)) tables.push({ table, rows: await connection.count(table) });
    const ok = integrity === 'ok' && brokenReferences === 0 && version !== null;
    return { integrity, brokenReferences, version, tables, rows: tables.reduce((sum, table) => sum + table.rows, 0), ok };
  } finally {
    await connection.close();
  }
}
