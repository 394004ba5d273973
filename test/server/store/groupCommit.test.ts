/**
 * The SQLite store commits the write transactions that are ready together (src/server/store/sqliteDriver.ts):
 * fewer commits for the same writes, every write on disk before its promise resolves, and one failing
 * write leaves the others of its group alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/server/store/schema';
import { GroupCommitSqliteDialect } from '../../../src/server/store/sqliteDriver';
import { KyselyStore } from '../../../src/server/store/store';

const opened: { store: KyselyStore; dir: string }[] = [];

async function openGroupCommitStore() {
  const dir = mkdtempSync(join(tmpdir(), 'bao-cao-group-commit-'));
  const file = join(dir, 'test.sqlite');
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  const dialect = new GroupCommitSqliteDialect(database, { syncWal: true });
  const store = new KyselyStore(new Kysely<Database>({ dialect }), 'sqlite');
  await store.migrate();
  // Every CĐCS hangs under a node of the organisation tree (the foreign key holds).
  await store.write((tx) =>
    tx.insertNode({ id: 'node-root', kind: 'province', name: 'Liên đoàn Lao động tỉnh Thử Nghiệm', shortName: '', code: null, parentId: null, path: '/node-root/', createdAt: '2025-10-01T08:00:00.000Z' }),
  );
  opened.push({ store, dir });
  // What another process (the admin CLI, a backup) sees: only what is committed.
  const outside = new BetterSqlite3(file, { readonly: true });
  const committedUnionNames = () =>
    (outside.prepare('select name from unions order by name').all() as { name: string }[]).map((row) => row.name);
  return { store, driver: dialect.driver, committedUnionNames, closeOutside: () => outside.close() };
}

afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const union = (name: string) => ({ id: `id-${name}`, name, createdAt: '2025-10-01T08:00:00.000Z', superiorId: 'node-root' });

describe('SQLite group commit', () => {
  it('commits ten writes started together once, each on disk when its promise resolves', async () => {
    const { store, driver, committedUnionNames, closeOutside } = await openGroupCommitStore();
    const commitsBefore = driver.commits;
    const names = Array.from({ length: 10 }, (_, i) => `CĐCS ${String(i).padStart(2, '0')}`);
    const seenWhenResolved = await Promise.all(
      names.map((name) => store.write((tx) => tx.insertUnion(union(name))).then(() => committedUnionNames())),
    );
    expect(driver.commits - commitsBefore).toBe(1);
    for (const [i, seen] of seenWhenResolved.entries()) expect(seen).toContain(names[i]);
    expect(committedUnionNames()).toEqual(names);
    closeOutside();
  });

  it('rolls back only the write that failed; the rest of its group is committed', async () => {
    const { store, committedUnionNames, closeOutside } = await openGroupCommitStore();
    const results = await Promise.allSettled([
      store.write((tx) => tx.insertUnion(union('A'))),
      store.write(async (tx) => {
        await tx.insertUnion(union('B'));
        throw new Error('a rule refused this push');
      }),
      // The same id again: a constraint fails inside SQLite, in the middle of the group.
      store.write(async (tx) => {
        await tx.insertUnion(union('C'));
        await tx.insertUnion(union('A'));
      }),
      store.write((tx) => tx.insertUnion(union('D'))),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(committedUnionNames()).toEqual(['A', 'D']);
    // The store goes on working after the failures.
    await store.write((tx) => tx.insertUnion(union('E')));
    expect(committedUnionNames()).toEqual(['A', 'D', 'E']);
    closeOutside();
  });

  it('answers a read outside a transaction while a write waits for its commit', async () => {
    const { store, committedUnionNames, closeOutside } = await openGroupCommitStore();
    const write = store.write((tx) => tx.insertUnion(union('A')));
    expect((await store.findUnion('id-A'))?.name).toBe('A');
    await write;
    expect(committedUnionNames()).toEqual(['A']);
    closeOutside();
  });
});
