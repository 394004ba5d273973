/** SQLite keeps what it acknowledged: a push answered 200 survives a power cut (synchronous = FULL under WAL). */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestStore } from './helpers';

describe('the SQLite store', () => {
  it('syncs every commit to disk (synchronous = FULL) in WAL mode', async () => {
    const opened = await openTestStore('sqlite');
    try {
      const synchronous = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(opened.store.db);
      // 2 = FULL; NORMAL (1) under WAL may lose the last commits on a power cut.
      expect(synchronous.rows[0]?.synchronous).toBe(2);
      const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(opened.store.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
    } finally {
      await opened.dispose();
    }
  });
});
