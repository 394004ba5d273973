/**
 * The statements every push runs are prepared once and run from SQLite's cache. better-sqlite3 builds SQLite
 * with STAT4, under which a bound value that could change the plan (a LIMIT, a LIKE pattern) makes SQLite
 * prepare the statement again on each run: measured at 20–100 µs a push for the round's `limit ?` alone
 * (docs/decisions/0005). Constants of these statements are literals in their SQL, not parameters.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/store/schema';
import { GroupCommitSqliteDialect } from '../../../src/server/store/sqliteDriver';
import { pushQueries } from '../../../src/server/store/pushStatements';

describe('the push statements', () => {
  it('bind no LIMIT, OFFSET or LIKE pattern, which would make SQLite prepare them again on every push', async () => {
    const database = new BetterSqlite3(':memory:');
    const db = new Kysely<Database>({ dialect: new GroupCommitSqliteDialect(database, { syncWal: false }) });
    try {
      // On SQLite there are no PostgreSQL-only statements.
      const { postgres, ...queries } = pushQueries(db, 'sqlite');
      expect(postgres).toBeNull();
      const texts = Object.entries(queries).map(([name, query]) => {
        // Bind every named argument with a placeholder value; only the SQL text matters here.
        const compiled = query.bind(new Proxy({}, { get: () => 'x' }));
        return { name, sql: compiled.sql };
      });
      expect(texts.length).toBeGreaterThan(5);
      for (const { name, sql } of texts) expect(sql, name).not.toMatch(/\b(limit|offset|like)\s+\?/i);
      // The round's one row and the thinning's draft pattern are there, as literals.
      expect(texts.find((text) => text.name === 'roundForUnion')?.sql).toMatch(/limit 1$/);
      expect(texts.find((text) => text.name === 'thinDraftRevision')?.sql).toMatch(/like '%"status":"draft"%'/);
    } finally {
      await db.destroy();
    }
  });
});
