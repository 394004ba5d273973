/**
 * What the store tells a driver about a compiled query, beside its SQL: carried on the query object
 * itself, so Kysely passes it through untouched. Drivers that do not know a hint ignore it.
 */
import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';

export interface QueryHints {
  /** Its result is never read, so a driver may send it and read the answer with the next query. */
  deferrable?: boolean;
  /** A driver may prepare it once per connection under this name (the same name always means the same SQL). */
  statementName?: string;
  /**
   * The query stands for these queries, run in this order on the transaction's connection; its rows are
   * their results (a QueryResult each). Kysely runs one query of a transaction at a time, so this is how
   * independent reads travel together: PostgreSQL gets them in one round trip. Only the store's own
   * drivers (sqliteDriver.ts, postgresDriver.ts) know it.
   */
  batch?: readonly CompiledQuery[];
}

const HINTS = Symbol('query hints');

export function withHints<Q extends CompiledQuery>(query: Q, hints: QueryHints): Q {
  return Object.assign(query, { [HINTS]: hints });
}

export function hintsOf(query: CompiledQuery): QueryHints {
  return (query as { [HINTS]?: QueryHints })[HINTS] ?? {};
}

/** One query for several (QueryHints.batch): the first that fails fails the batch, as it would alone. */
export function batchOf(queries: readonly CompiledQuery[]): CompiledQuery {
  // CompiledQuery.raw freezes its object: the hints go on a copy.
  return withHints({ ...CompiledQuery.raw('/* a batch: see QueryHints.batch */ select 1') }, { batch: queries });
}

const statementNames = new Map<string, string>();

/** QueryHints.statementName for this SQL: the same text always gets the same name (hashed once per text). */
export function statementNameOf(prefix: string, text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `${prefix}_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}
