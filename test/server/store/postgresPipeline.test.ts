/**
 * The PostgreSQL store pipelines a push's queries (src/server/store/postgresDriver.ts): fewer waits for
 * the database, and a write whose answer is read later still fails its transaction as a whole.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { emptyReport, type ReportDocument } from '../../../src/domain/report';
import type { ServiceContext } from '../../../src/server/services/context';
import { authenticateDevice, enrol, issueEnrolmentCode } from '../../../src/server/services/devices';
import { createRootNode, createUnion } from '../../../src/server/services/organisation';
import { CONSOLE } from '../../../src/server/services/staff';
import { putReport } from '../../../src/server/services/reports';
import { countInWindow } from '../../../src/server/store/attemptWindows';
import { PipelinedPostgresDialect } from '../../../src/server/store/postgresDriver';
import type { Database } from '../../../src/server/store/schema';
import { KyselyStore } from '../../../src/server/store/store';
import { announcePostgresSkip, readyReport, sampleReport, TEST_DATABASE_URL } from '../helpers';

announcePostgresSkip();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openPipelinedStore() {
  const url = TEST_DATABASE_URL as string;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  cleanups.push(async () => {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });
  const pool = new pg.Pool({ connectionString: url, max: 4, pipeline: true, options: `-c search_path=${schema}` });
  const dialect = new PipelinedPostgresDialect(pool);
  const store = new KyselyStore(new Kysely<Database>({ dialect }), 'postgres');
  cleanups.push(() => store.close());
  await store.migrate();
  return { store, counter: dialect.driver.counter };
}

/** A CĐCS under a new province, with one enrolled phone: its bearer token. */
async function enrolledPhone(context: ServiceContext, unionName: string): Promise<string> {
  const province = await createRootNode(context, { kind: 'province', name: `Liên đoàn Lao động tỉnh của ${unionName}` });
  const union = await createUnion(context, CONSOLE, { name: unionName, superiorId: province.id });
  const { code } = await issueEnrolmentCode(context, CONSOLE, union.id, {});
  const { token } = await enrol(context, { code, deviceName: 'máy' });
  return `Bearer ${token}`;
}

(TEST_DATABASE_URL ? describe : describe.skip)('PostgreSQL pipelining', () => {
  it('stores a revision in a fixed number of waits for the database, chained and idempotent', async () => {
    const { store, counter } = await openPipelinedStore();
    const context: ServiceContext = { store, now: () => new Date() };
    const device = await authenticateDevice(context, await enrolledPhone(context, 'CĐCS đo vòng'));
    const report = emptyReport(randomUUID(), { year: 2025, kind: 'yearly' }, '2025-10-01T08:00:00.000Z');
    const push = (updatedAt: string, key: string, ifMatch?: string) =>
      putReport(context, device, {
        pathId: report.id,
        body: { ...report, updatedAt },
        ifMatch,
        ifNoneMatch: ifMatch ? undefined : '*',
        idempotencyKey: key,
      });
    await push('2025-10-01T08:00:01.000Z', 'k1');

    const before = counter.roundTrips;
    const second = await push('2025-10-01T08:00:02.000Z', 'k2', '"1"');
    // Two waits: the union's lock, the reporting round, the replay check and the report's head travel
    // together (with the begin); the update, the revision, the thinning, the idempotency record and the
    // commit travel together. Main before this had 10 (each read its own wait). A change that adds a
    // wait to every push fails here (docs/decisions/0005).
    expect(counter.roundTrips - before).toBe(2);
    expect(second).toMatchObject({ status: 200, revision: '2', replayed: false });
    expect(await store.listRevisions(report.id)).toHaveLength(2);
    expect(await push('2025-10-01T08:00:02.000Z', 'k2', '"1"')).toMatchObject({ status: 200, revision: '2', replayed: true });
  });

  it('sends an edit of a ready report in as many statements as a push sent before report forms, a draft in one fewer', async () => {
    const { store, counter } = await openPipelinedStore();
    const context: ServiceContext = { store, now: () => new Date() };
    const bearer = await enrolledPhone(context, 'CĐCS đếm câu lệnh');
    let device = await authenticateDevice(context, bearer);
    const push = async (report: ReportDocument, key: string, ifMatch?: string) =>
      (await putReport(context, device, { pathId: report.id, body: report, ifMatch, ifNoneMatch: ifMatch ? undefined : '*', idempotencyKey: key })).revision;
    const values = (people: number) => ({ TONG_LD: people, LD_NU: 40, LUONG_BINH_QUAN: 7_500_000, LUONG_SO_NGUOI: 100 });
    const statistics = readyReport({ form: { id: MAU_1_HDCD_FORM.id, version: MAU_1_HDCD_FORM.version }, values: values(120) });
    const plan94 = sampleReport();
    const ready = await push(statistics, 'k1');
    const draft = await push(plan94, 'k2');
    // As the route has it on a later push: seen a moment ago, so "last seen" is not written again.
    device = await authenticateDevice(context, bearer);

    const statements = async (work: () => Promise<unknown>) => {
      const before = counter.statements;
      await work();
      return counter.statements - before;
    };
    // begin; the lock, the round, the replay check and the report's head; the report with its kept revision;
    // the changed figure with the sums it moves; the idempotency record; commit. A push of 8a22e3f (before
    // forms) sent the same nine: the report and its revision were two, and there were no figures or sums.
    expect(await statements(() => push({ ...statistics, values: values(121) }, 'k3', `"${ready}"`))).toBe(9);
    // A draft's autosave writes no figures: one statement fewer than before forms.
    expect(await statements(() => push({ ...plan94, updatedAt: '2025-10-01T08:00:09.000Z' }, 'k4', `"${draft}"`))).toBe(8);
    expect((await store.listRevisions(statistics.id)).map((revision) => revision.revision)).toEqual([1, 2]);
    expect((await store.listRevisions(plan94.id)).map((revision) => [revision.revision, revision.deviceId])).toEqual([
      [1, device.id],
      [2, device.id],
    ]);
  });

  it("counts a device's push against the shared rate limit in one wait, and stays usable when that write fails", async () => {
    const { store, counter } = await openPipelinedStore();
    const now = Date.parse('2025-10-01T08:00:00.000Z');
    await countInWindow(store, 'push:device-1', 60_000, now);
    const before = counter.roundTrips;
    // begin, synchronous_commit off, the upsert and the commit travel together: one wait (Kysely's
    // transaction made it two, for every push of every device).
    expect(await countInWindow(store, 'push:device-1', 60_000, now + 1)).toEqual({ counted: 2, windowEndsAt: new Date(now + 60_000) });
    expect(counter.roundTrips - before).toBe(1);
    // A failing upsert (here: the table is gone) throws its own error and leaves no transaction open on the
    // connection for the next caller.
    await sql`alter table attempt_windows rename to attempt_windows_away`.execute(store.db);
    await expect(countInWindow(store, 'push:device-1', 60_000, now + 2)).rejects.toThrow(/attempt_windows/);
    await sql`alter table attempt_windows_away rename to attempt_windows`.execute(store.db);
    for (let i = 0; i < 6; i++) await countInWindow(store, `push:device-${i + 2}`, 60_000, now);
    expect(await countInWindow(store, 'push:device-1', 60_000, now + 3)).toMatchObject({ counted: 3 });
  });

  it('rolls the whole transaction back when a write whose answer was deferred fails', async () => {
    const { store } = await openPipelinedStore();
    const context: ServiceContext = { store, now: () => new Date() };
    const province = await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh đo vòng' });
    const union = await createUnion(context, CONSOLE, { name: 'CĐCS lỗi muộn', superiorId: province.id });
    const { code } = await issueEnrolmentCode(context, CONSOLE, union.id, {});
    const { deviceId } = await enrol(context, { code, deviceName: 'máy' });
    const entry = { deviceId, key: 'same', bodyHash: 'h', status: 200, responseJson: '{}', createdAt: '2025-10-01T08:00:00.000Z' };
    await store.write((tx) => tx.insertIdempotency(entry));
    const failed = store.write(async (tx) => {
      await tx.lockUnionForChange(union.id);
      // Deferred: answered with the commit, and a duplicate key there.
      await tx.insertIdempotency(entry);
      await tx.insertIdempotency({ ...entry, key: 'other' });
    });
    await expect(failed).rejects.toThrow(/duplicate key|unique/i);
    expect(await store.findIdempotency(deviceId, 'other')).toBeUndefined();
    // The connection is still good for the next transaction.
    await store.write((tx) => tx.insertIdempotency({ ...entry, key: 'third' }));
    expect(await store.findIdempotency(deviceId, 'third')).toMatchObject({ bodyHash: 'h' });
  });
});
