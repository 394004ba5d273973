/**
 * Kysely's SQLite dialect with three changes that the push path needs (docs/decisions/0005):
 *
 * - **Group commit.** Write transactions that run while a commit is pending share it: each runs inside
 *   a savepoint of one open `begin immediate` transaction, and the `commit` (the only moment SQLite writes
 *   the WAL) happens once the event loop has run every transaction that was ready. A transaction's
 *   `commitTransaction` resolves only after that commit and its sync (below), so no answer is sent for a
 *   change that is not on disk; one that fails rolls back to its own savepoint and
 *   leaves the others alone. With 32 devices pushing at once, one commit carries many pushes instead of one.
 * - **The WAL is synced off the event loop** (`WalSync`). SQLite runs with `synchronous = NORMAL`, so its
 *   `commit` only writes the WAL (into the OS's cache) and returns; the driver then `fdatasync`s the WAL file
 *   in libuv's thread pool, and a group's commit promises resolve only once that sync has returned. A push
 *   is answered only when its commit frame is on the disk, as with `synchronous = FULL`, but the event loop
 *   serves other requests while the disk works, and the commits made meanwhile share the next sync
 *   (docs/decisions/0005, "The disk off the event loop").
 * - **Prepared statements are kept** by SQL text (Kysely would prepare every query again); better-sqlite3
 *   runs one statement at a time, so sharing them is safe.
 *
 * A query outside a transaction (a device's token lookup) runs on the same, single connection; it may see
 * the changes of a group whose commit or sync is pending, whose answers are at most one disk sync away.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type SqliteDatabase,
} from 'kysely';
import { hintsOf } from './queryHints';
import { DriverWithSavepoints } from './savepoints';

const MAX_CACHED_STATEMENTS = 500;
const SAVEPOINT = 'kysely_write';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Waiters of one pending commit. */
interface Group {
  members: Waiter[];
}

/** How the WAL file reaches the disk; tests hold it to see that no answer leaves before it. */
export type SyncFile = (file: FileHandle) => Promise<void>;

const fdatasync: SyncFile = (file) => file.datasync();

/**
 * Syncs the WAL file for the commits made so far, one sync at a time; commits that arrive while a sync runs
 * wait for the next one, which covers all of them. The WAL is written in order and its frames carry running
 * checksums, so a synced commit frame is replayed after a power cut together with everything before it, and
 * one that was not synced is dropped with everything after it: what was answered survives. The file is
 * opened once: SQLite deletes it only when the last connection closes, and this driver's connection is
 * open as long as the driver (a truncation by another process keeps the same file).
 */
class WalSync {
  #waiting: Waiter[] = [];
  #running = false;
  #file: Promise<FileHandle> | null = null;
  #idle: Promise<void> = Promise.resolve();
  #markIdle: () => void = () => undefined;
  /** Syncs done: tests count them. */
  syncs = 0;

  constructor(
    private readonly path: string,
    private readonly sync: SyncFile,
  ) {}

  after(waiters: Waiter[]): void {
    this.#waiting.push(...waiters);
    if (this.#running) return;
    this.#running = true;
    this.#idle = new Promise((resolve) => (this.#markIdle = resolve));
    void this.#run();
  }

  async #run(): Promise<void> {
    while (this.#waiting.length > 0) {
      const covered = this.#waiting;
      this.#waiting = [];
      try {
        // Read-write: Windows flushes only a handle opened for writing (SQLite shares the file for that).
        this.#file ??= open(this.path, 'r+');
        await this.sync(await this.#file);
        this.syncs += 1;
      } catch (error) {
        // The commit may or may not be on the disk: the devices are told it failed and push again, which
        // the idempotency record answers if it was kept.
        this.#file = null;
        for (const waiter of covered) waiter.reject(error);
        continue;
      }
      for (const waiter of covered) waiter.resolve();
    }
    this.#running = false;
    this.#markIdle();
  }

  /** Waits for the syncs under way, then closes the file. */
  async close(): Promise<void> {
    await this.#idle;
    const file = await this.#file?.catch(() => null);
    await file?.close();
  }
}

export interface GroupCommitOptions {
  /**
   * `true` (as served): the database runs with `synchronous = NORMAL` and the driver syncs the WAL before
   * answering. `false`: no sync by the driver, for `synchronous = FULL` (SQLite syncs inside `commit`, on the
   * event loop) or for a benchmark's floor.
   */
  syncWal: boolean;
  /** How to sync the WAL file: `fdatasync` unless a test holds it. */
  syncFile?: SyncFile;
}

/** First come, first served: the pending commit waits its turn behind transactions already queued. */
class Mutex {
  #locked = false;
  #queue: (() => void)[] = [];
  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }
  unlock(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#locked = false;
  }
}

/** One acquisition of the single connection; released once, by whichever comes first. */
class Lease implements DatabaseConnection {
  released = false;
  inTransaction = false;
  constructor(private readonly driver: GroupCommitSqliteDriver) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return Promise.resolve(this.driver.run<R>(query));
  }
  // eslint-disable-next-line require-yield -- the store never streams; Kysely's interface asks for the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by this driver');
  }
}

export class GroupCommitSqliteDriver extends DriverWithSavepoints implements Driver {
  readonly #database: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  readonly #mutex = new Mutex();
  #group: Group | null = null;
  #flushScheduled = false;
  readonly #walSync: WalSync | null;
  /** How many commits the driver has made: tests count them. */
  commits = 0;

  constructor(database: BetterSqlite3.Database, options: GroupCommitOptions) {
    super();
    this.#database = database;
    this.#walSync = options.syncWal ? new WalSync(`${database.name}-wal`, options.syncFile ?? fdatasync) : null;
  }

  /** Syncs of the WAL file made by the driver (0 when SQLite syncs itself): tests count them. */
  get walSyncs(): number {
    return this.#walSync?.syncs ?? 0;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return new Lease(this);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#release(connection as Lease);
  }

  #release(lease: Lease): void {
    if (lease.released) return;
    lease.released = true;
    this.#mutex.unlock();
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= MAX_CACHED_STATEMENTS) this.#statements.clear();
      statement = this.#database.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  run<R>(query: CompiledQuery): QueryResult<R> {
    const { batch } = hintsOf(query);
    if (batch) return { rows: batch.map((member) => this.run(member)) as R[] };
    const statement = this.#prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  #exec(sql: string): void {
    this.#prepare(sql).run();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#group) {
      // Immediate: take the write lock now, so that another process (the admin CLI) makes us wait on
      // busy_timeout here rather than fail halfway through.
      this.#exec('begin immediate');
      this.#group = { members: [] };
    }
    try {
      this.#exec(`savepoint ${SAVEPOINT}`);
    } catch (error) {
      // Never leave the group's transaction open with nobody to commit it.
      this.#scheduleCommit();
      throw error;
    }
    (connection as Lease).inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    const group = this.#group;
    if (!group || !this.#database.inTransaction) throw new Error('the transaction was rolled back by SQLite');
    this.#exec(`release ${SAVEPOINT}`);
    lease.inTransaction = false;
    const committed = new Promise<void>((resolve, reject) => group.members.push({ resolve, reject }));
    // The next transaction may join this group while this one waits for the commit.
    this.#release(lease);
    this.#scheduleCommit();
    await committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as Lease).inTransaction = false;
    if (!this.#database.inTransaction) {
      // SQLite rolled back the whole transaction itself (an I/O error, a full disk): the group is gone.
      this.#failGroup(new Error('SQLite rolled back the transaction'));
      return;
    }
    this.#exec(`rollback to ${SAVEPOINT}`);
    this.#exec(`release ${SAVEPOINT}`);
    if (this.#group && this.#group.members.length === 0) this.#scheduleCommit();
  }

  #scheduleCommit(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    // After the event loop has run what is ready (other requests' transactions join the group meanwhile).
    setImmediate(() => void this.#commitGroup());
  }

  async #commitGroup(): Promise<void> {
    // Behind every transaction already waiting for the connection: they join this group first.
    await this.#mutex.lock();
    this.#flushScheduled = false;
    const group = this.#group;
    this.#group = null;
    try {
      if (!group) return;
      try {
        this.#exec('commit');
        this.commits += 1;
      } catch (error) {
        if (this.#database.inTransaction) this.#exec('rollback');
        for (const member of group.members) member.reject(error);
        return;
      }
      if (this.#walSync) this.#walSync.after(group.members);
      else for (const member of group.members) member.resolve();
    } finally {
      this.#mutex.unlock();
    }
  }

  #failGroup(error: Error): void {
    const group = this.#group;
    this.#group = null;
    for (const member of group?.members ?? []) member.reject(error);
  }

  async destroy(): Promise<void> {
    // A pending group is committed before the file is closed.
    if (this.#group) await this.#commitGroup();
    await this.#walSync?.close();
    this.#database.close();
  }
}

/** `new SqliteDialect` with the driver above; `database` must be an opened better-sqlite3 handle. */
export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly driver: GroupCommitSqliteDriver;
  constructor(database: BetterSqlite3.Database, options: GroupCommitOptions) {
    super({ database: database as unknown as SqliteDatabase });
    this.driver = new GroupCommitSqliteDriver(database, options);
  }
  override createDriver(): Driver {
    return this.driver;
  }
}
