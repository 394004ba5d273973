/**
 * Kysely's PostgreSQL dialect with fewer round trips for the push path (docs/decisions/0005). A push's
 * transaction was nine round trips to the database (token, begin, lock, replay check, report, three
 * writes, commit); on a busy machine each one costs a wake-up of both processes, and they dominated.
 *
 * - The connections run in pg's pipeline mode: a query goes on the wire without waiting for the answer
 *   to the one before; PostgreSQL still runs them one after the other, in order.
 * - `begin` is sent with the transaction's first query, not on its own.
 * - A write the store marks `deferrable` (its result is never read: the push's update and inserts) is
 *   sent at once and its answer collected with the next query or the commit, whose round trip it shares.
 *   An error it raises surfaces there, still inside the transaction, which is then rolled back: the
 *   caller sees the same failure, one call later.
 * - Queries the store marks with a statement name are prepared once per connection (no parsing and
 *   planning on every push).
 */
import {
  AbortedTransactionError,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  PostgresDialect,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import { hintsOf } from './queryHints';
import { DriverWithSavepoints } from './savepoints';

function toQueryResult<R>({ command, rowCount, rows }: pg.QueryResult): QueryResult<R> {
  if (command === 'ROLLBACK' || command === 'COMMIT') return { rows: [{ command } as R] };
  const counted = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
  return { ...(counted ? { numAffectedRows: BigInt(rowCount ?? 0) } : {}), rows: (rows ?? []) as R[] };
}

class PipelinedConnection implements DatabaseConnection {
  /** Sent, answer not yet read: deferred writes and the `begin`. */
  #unanswered: Promise<pg.QueryResult>[] = [];
  /** Deferring is only for writes inside a transaction, whose commit reads every answer. */
  inTransaction = false;
  discarded = false;

  constructor(
    readonly client: pg.PoolClient,
    private readonly counter: { roundTrips: number; statements: number },
  ) {}

  #send(query: CompiledQuery): Promise<pg.QueryResult> {
    const name = hintsOf(query).statementName;
    this.counter.statements += 1;
    return this.client.query({ text: query.sql, values: [...query.parameters], ...(name ? { name } : {}) });
  }

  /**
   * The socket is held corked from a deferred query to the next awaited one, so that they leave in one
   * write: on a loaded machine a socket write (which wakes the database's process) cost ≈ 100 µs.
   */
  #corked: { uncork(): void } | null = null;

  #cork(): void {
    if (this.#corked) return;
    const stream = (this.client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
    if (!stream?.cork || !stream.uncork) return;
    stream.cork();
    const corked = { uncork: () => stream.uncork?.() };
    this.#corked = corked;
    // Never left corked past this tick, whatever the caller does next.
    process.nextTick(() => this.#uncork(corked));
  }

  #uncork(corked = this.#corked): void {
    if (!corked || corked !== this.#corked) return;
    this.#corked = null;
    corked.uncork();
  }

  /** Sends without waiting; the answer is read with the next query. */
  sendLater(query: CompiledQuery): void {
    this.#cork();
    const sent = this.#send(query);
    // Read (and thrown) by the next executeQuery; never an unhandled rejection meanwhile.
    sent.catch(() => undefined);
    this.#unanswered.push(sent);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.discarded) throw new Error('Postgres connection has been discarded');
    if (this.inTransaction && hintsOf(query).deferrable) {
      this.sendLater(query);
      return { rows: [] };
    }
    const { batch } = hintsOf(query);
    if (batch) this.#cork();
    const current = batch ? batch.map((member) => this.#send(member)) : [this.#send(query)];
    this.#uncork();
    this.counter.roundTrips += 1;
    // Every answer of the round trip is read before one is used; the first failure (in the order sent,
    // which is the order PostgreSQL ran them) is the one thrown.
    const settled = await Promise.allSettled([...this.#unanswered.splice(0), ...current]);
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const results = settled.slice(settled.length - current.length).map((outcome) => toQueryResult((outcome as PromiseFulfilledResult<pg.QueryResult>).value));
    return batch ? { rows: results as R[] } : (results[0] as QueryResult<R>);
  }

  // eslint-disable-next-line require-yield -- the store never streams; Kysely's interface asks for the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by this driver');
  }

  /** Answers still owed when the connection goes back to the pool are read first (and their errors dropped). */
  async settle(): Promise<void> {
    this.#uncork();
    await Promise.allSettled(this.#unanswered.splice(0));
  }
}

export class PipelinedPostgresDriver extends DriverWithSavepoints implements Driver {
  readonly #pool: pg.Pool;
  readonly #connections = new WeakMap<pg.PoolClient, PipelinedConnection>();
  /** Times a caller waited for the database's answer, and statements sent: tests count a push's. */
  readonly counter = { roundTrips: 0, statements: 0 };

  constructor(pool: pg.Pool) {
    super();
    this.#pool = pool;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const client = await this.#pool.connect();
    let connection = this.#connections.get(client);
    if (!connection) {
      connection = new PipelinedConnection(client, this.counter);
      this.#connections.set(client, connection);
    }
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      sql = 'start transaction';
      if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) sql += ` ${settings.accessMode}`;
    }
    const pipelined = connection as PipelinedConnection;
    pipelined.sendLater(CompiledQuery.raw(sql));
    pipelined.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as PipelinedConnection).inTransaction = false;
    const { rows } = await connection.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
    // PostgreSQL completes COMMIT with a ROLLBACK tag when an earlier statement left the transaction aborted.
    if (rows[0]?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const pipelined = connection as PipelinedConnection;
    pipelined.inTransaction = false;
    await pipelined.settle();
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } catch (error) {
      pipelined.discarded = true;
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const pipelined = connection as PipelinedConnection;
    await pipelined.settle();
    pipelined.client.release(pipelined.discarded);
  }

  async destroy(): Promise<void> {
    await this.#pool.end();
  }
}

/** `new PostgresDialect({ pool })` with the driver above; the pool's clients must run in pipeline mode. */
export class PipelinedPostgresDialect extends PostgresDialect {
  readonly driver: PipelinedPostgresDriver;
  constructor(pool: pg.Pool) {
    super({ pool });
    this.driver = new PipelinedPostgresDriver(pool);
  }
  override createDriver(): Driver {
    return this.driver;
  }
}
