/**
 * What the store tells a driver about a compiled query, beside its SQL: carried on the query object
 * itself, so Kysely passes it through untouched. Drivers that do not know a hint ignore it.
 */
import type { CompiledQuery } from 'kysely';

export interface QueryHints {
  /** Its result is never read, so a driver may send it and read the answer with the next query. */
  deferrable?: boolean;
  /** A driver may prepare it once per connection under this name (the same name always means the same SQL). */
  statementName?: string;
}

const HINTS = Symbol('query hints');

export function withHints<Q extends CompiledQuery>(query: Q, hints: QueryHints): Q {
  return Object.assign(query, { [HINTS]: hints });
}

export function hintsOf(query: CompiledQuery): QueryHints {
  return (query as { [HINTS]?: QueryHints })[HINTS] ?? {};
}
