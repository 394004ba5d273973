/**
 * SQLite keeps what it acknowledged: a push is answered only once the WAL holding its commit is synced to
 * the disk, so it survives a power cut. The sync runs off the event loop (src/server/store/sqliteDriver.ts),
 * so these tests hold it and watch what the server answers meanwhile.
 */
import { statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/server/store/open';
import { pushHeaders, sampleReport, startTestServer, type TestServer } from '../helpers';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A real WAL sync that the test can hold: after `hold()`, each sync waits until `release()`. */
function heldSync() {
  const calls: FileHandle[] = [];
  let released: Promise<void> = Promise.resolve();
  let release: () => void = () => undefined;
  const waiters: (() => void)[] = [];
  return {
    /** The files synced since `hold()`. */
    calls,
    sync: async (file: FileHandle) => {
      calls.push(file);
      for (const waiter of waiters.splice(0)) waiter();
      await released;
      await file.datasync();
    },
    hold: () => {
      calls.length = 0;
      released = new Promise((resolve) => (release = resolve));
    },
    /** Resolves once the driver has asked for a sync since `hold()`. */
    called: () => (calls.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    release: () => release(),
  };
}

/** What another process (the admin CLI, a backup) reads from the file: committed rows, synced or not. */
function committedReports(file: string): number {
  const outside = new BetterSqlite3(file, { readonly: true });
  try {
    return (outside.prepare('select count(*) as n from reports').get() as { n: number }).n;
  } finally {
    outside.close();
  }
}

describe('the SQLite store', () => {
  it('runs in WAL mode, with SQLite itself not syncing each commit on the event loop', async () => {
    const server = await startTestServer();
    servers.push(server);
    const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(server.store.db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    // 1 = NORMAL: the WAL is synced by the driver before any answer (FULL would do it inside the commit).
    const synchronous = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(server.store.db);
    expect(synchronous.rows[0]?.synchronous).toBe(1);
  });

  it('lets SQLite sync each commit itself where it cannot keep a WAL (the store still writes)', async () => {
    // An in-memory database has no WAL, as a file system without shared memory has none.
    const store = openStore({ kind: 'sqlite', file: ':memory:' });
    try {
      await store.migrate();
      const synchronous = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.db);
      expect(synchronous.rows[0]?.synchronous).toBe(2);
      await store.write((tx) =>
        tx.insertNode({ id: 'node-root', kind: 'province', name: 'Liên đoàn Lao động tỉnh Thử Nghiệm', shortName: '', code: null, parentId: null, path: '/node-root/', createdAt: '2025-10-01T08:00:00.000Z' }),
      );
      expect(await store.listRootNodes()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('answers a push only after the WAL file holding it is synced, and serves other requests meanwhile', async () => {
    const held = heldSync();
    const server = await startTestServer({ syncFile: held.sync });
    servers.push(server);
    const device = await server.enrolDevice();
    held.hold();
    let answered = false;
    const report = sampleReport();
    const push = fetch(`${server.url}/api/reports/${report.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(report) }).then(
      (response) => {
        answered = true;
        return response;
      },
    );
    await held.called();
    // The event loop is free while the disk works: another request is answered...
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    // ...but not the push, whose commit is written and not yet synced.
    expect(answered).toBe(false);
    // The file synced is the database's own WAL.
    expect((await held.calls[0]!.stat()).ino).toBe(statSync(`${server.sqliteFile}-wal`).ino);
    held.release();
    const response = await push;
    expect(response.status).toBe(201);
    // Committed for every other reader of the file too (the admin CLI, a backup).
    const outside = new BetterSqlite3(server.sqliteFile!, { readonly: true });
    try {
      expect(outside.prepare('select revision from reports where id = ?').get(report.id)).toEqual({ revision: 1 });
    } finally {
      outside.close();
    }
  });

  it('lets the pushes committed while a sync runs share the next one', async () => {
    const held = heldSync();
    const server = await startTestServer({ syncFile: held.sync });
    servers.push(server);
    const devices = await Promise.all(Array.from({ length: 8 }, () => server.enrolDevice()));
    held.hold();
    const reports = devices.map(() => sampleReport());
    const pushes = devices.map((device, i) =>
      fetch(`${server.url}/api/reports/${reports[i]!.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(reports[i]) }),
    );
    await held.called();
    // Every push commits (the event loop is free) while the first sync is held...
    await expect.poll(() => committedReports(server.sqliteFile!), { timeout: 60_000 }).toBe(devices.length);
    held.release();
    const statuses = (await Promise.all(pushes)).map((response) => response.status);
    expect(statuses).toEqual(devices.map(() => 201));
    // ...and waits for one more sync, which covers them all: two syncs for eight pushes, however many
    // commit groups they made.
    expect(held.calls.length).toBe(2);
  });
});
