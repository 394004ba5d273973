/**
 * The sync engine against a real server (SQLite file, ephemeral port), with each simulated device on
 * its own IndexedDB. No sleeps: each test drives the engine cycle by cycle with `syncOnce()`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newOutboxEntry } from '../../../src/app/db/schema';
import { SET_ASIDE } from '../../../src/app/db/syncRepository';
import { inProcessLock } from '../../../src/app/sync/lock';
import { createSyncEngine } from '../../../src/app/sync/engine';
import { reportLifecycle } from '../../../src/domain/lifecycle';
import { resolveConflicts } from '../../../src/domain/conflicts';
import { mergeReports } from '../../../src/domain/merge';
import { periodKey } from '../../../src/domain/period';
import { emptyReport, type ReportDocument } from '../../../src/domain/report';
import { neverSynced } from '../../../src/domain/sync';
import { startTestServer, type TestServer } from '../../server/helpers';
import { makeDevice, type TestDevice } from './devices';
import { startProxy, type TestProxy } from './proxy';

const PERIOD = { year: 2025, kind: 'yearly' } as const;

let server: TestServer;
let unionId: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  server = await startTestServer();
  unionId = (await server.createUnion('CĐCS Công ty May Tây Ninh')).id;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
});

async function enrolledDevice(name: string, serverUrl = server.url, options = {}): Promise<TestDevice> {
  const device = await makeDevice(name, options);
  cleanups.push(() => device.close());
  const { code } = await server.issueCode(unionId);
  await device.enrol(serverUrl, code);
  return device;
}

async function proxy(): Promise<TestProxy> {
  const started = await startProxy(server.port);
  cleanups.push(() => started.close());
  return started;
}

/** A new report on the device, filled like an officer would, saved through the app's own repository. */
async function draftReport(device: TestDevice, fill: (report: ReportDocument) => void = () => undefined) {
  const created = await device.local.reports.create(PERIOD);
  const document = structuredClone(created.document);
  document.membership.workers = 120;
  document.membership.members = 100;
  fill(document);
  return device.local.reports.save(document);
}

async function edit(device: TestDevice, id: string, change: (report: ReportDocument) => void) {
  const document = structuredClone((await device.report(id)).document);
  change(document);
  return device.local.reports.save(document);
}

describe('pushing reports', () => {
  it('keeps a report drafted before enrolment on the phone, then pushes it once the device enrols', async () => {
    const device = await makeDevice('lan');
    cleanups.push(() => device.close());
    const report = await draftReport(device, (r) => (r.membership.members = 98));

    const before = await device.engine.syncOnce();
    expect(before.outcome).toBe('unenrolled');
    expect(before.pushRequests).toBe(0);
    expect(await device.phase(report.id)).toBe('local');

    const { code } = await server.issueCode(unionId);
    await device.enrol(server.url, code);
    const after = await device.engine.syncOnce();
    expect(after).toMatchObject({ outcome: 'synced', pushed: 1 });
    expect(await device.phase(report.id)).toBe('saved');
    expect((await server.storedDocument(report.id))?.membership.members).toBe(98);
    expect((await server.store.findReport(report.id))?.unionId).toBe(unionId);
    expect(await device.local.db.outbox.count()).toBe(0);
    expect(device.engine.getStatus()).toMatchObject({ state: 'idle', lastSyncAt: '2025-11-20T08:00:00.000Z' });
  });

  it('sends ten offline edits as one PUT carrying the last of them', async () => {
    const via = await proxy();
    const device = await enrolledDevice('lan', via.url);
    const report = await draftReport(device);
    for (let members = 101; members <= 110; members++) await edit(device, report.id, (r) => (r.membership.members = members));

    via.resetCounters();
    const result = await device.engine.syncOnce();
    expect(result.outcome).toBe('synced');
    expect(via.requestLines().filter((line) => line.startsWith('PUT'))).toEqual([`PUT /api/reports/${report.id}`]);
    expect(await server.store.listRevisions(report.id)).toHaveLength(1);
    expect((await server.storedDocument(report.id))?.membership.members).toBe(110);
  });

  it('sends no push and only one small GET when nothing changed', async () => {
    const via = await proxy();
    const device = await enrolledDevice('lan', via.url);
    await draftReport(device);
    await device.engine.syncOnce();

    via.resetCounters();
    const idle = await device.engine.syncOnce();
    expect(idle).toMatchObject({ outcome: 'synced', pushRequests: 0, pulled: 0 });
    expect(via.requestLines()).toHaveLength(1);
    expect(via.requestLines()[0]).toMatch(/^GET \/api\/reports\?since=\d+$/);
    expect(via.bytesFromDevice()).toBeLessThan(400);
  });

  it('keeps the report queued when the officer edits it while its push is in flight', async () => {
    const via = await proxy();
    const device = await enrolledDevice('lan', via.url);
    const report = await draftReport(device, (r) => (r.membership.members = 90));

    const held = via.holdNextAnswer();
    const syncing = device.engine.syncOnce();
    await held.answered; // the server stored revision 1; its answer waits in the proxy
    await edit(device, report.id, (r) => (r.membership.members = 91));
    held.release();
    expect((await syncing).pushed).toBe(1);

    const midway = await device.report(report.id);
    expect(midway.sync).toMatchObject({ serverRevision: '1', pending: true });
    expect(midway.document.membership.members).toBe(91);
    expect(midway.sync.base?.membership.members).toBe(90);

    await device.engine.syncOnce();
    expect((await device.report(report.id)).sync).toMatchObject({ serverRevision: '2', pending: false });
    expect((await server.storedDocument(report.id))?.membership.members).toBe(91);
  });

  it('never lets two engines on one database push the same snapshot at once (shared lock)', async () => {
    const via = await proxy();
    const device = await enrolledDevice('lan', via.url);
    const report = await draftReport(device);
    const lock = inProcessLock();
    const tab = (): ReturnType<typeof createSyncEngine> =>
      createSyncEngine({ storage: device.syncStore, fetch: globalThis.fetch, lock, random: () => 0.5 });

    via.resetCounters();
    const [first, second] = await Promise.all([tab().syncOnce(), tab().syncOnce()]);
    expect(first.outcome).toBe('synced');
    expect(second.outcome).toBe('synced');
    expect(via.requestLines().filter((line) => line.startsWith('PUT'))).toHaveLength(1);
    expect(await server.store.listRevisions(report.id)).toHaveLength(1);
  });
});

describe('a bad connection', () => {
  it('a push whose answer is lost makes no second revision, and the device ends in sync', async () => {
    const via = await proxy();
    const device = await enrolledDevice('lan', via.url);
    const report = await draftReport(device, (r) => (r.membership.members = 97));

    const cut = via.cutNextAnswer();
    const lost = await device.engine.syncOnce();
    await cut;
    expect(lost.outcome).toBe('offline');
    // The request arrived: the server holds revision 1, while the phone still thinks it is unsent.
    expect(await server.store.listRevisions(report.id)).toHaveLength(1);
    expect(await device.phase(report.id)).toBe('local');

    const retried = await device.engine.syncOnce();
    expect(retried).toMatchObject({ outcome: 'synced', pushed: 1 });
    expect(await server.store.listRevisions(report.id)).toHaveLength(1);
    expect((await device.report(report.id)).sync).toMatchObject({ serverRevision: '1', pending: false });
    expect(await device.phase(report.id)).toBe('saved');
  });

  for (const known of [false, true]) {
    it(`an edit made after a lost answer is not mistaken for a conflict (${known ? 'update' : 'creation'})`, async () => {
      const via = await proxy();
      const device = await enrolledDevice('lan', via.url);
      const report = await draftReport(device, (r) => (r.membership.members = 100));
      if (known) await device.engine.syncOnce();
      await edit(device, report.id, (r) => (r.membership.members = 101));

      const cut = via.cutNextAnswer();
      expect((await device.engine.syncOnce()).outcome).toBe('offline');
      await cut;
      // The officer types on before the connection comes back: the same field changes again.
      await edit(device, report.id, (r) => (r.membership.members = 102));

      const run = await device.engine.syncOnce();
      expect(run).toMatchObject({ outcome: 'synced', conflicts: 0 });
      expect(await device.phase(report.id)).toBe('saved');
      expect((await server.storedDocument(report.id))?.membership.members).toBe(102);
      expect(await server.store.listRevisions(report.id)).toHaveLength(known ? 3 : 2);
    });
  }

  it('after a lost answer, an edit, the other phone building on the lost push, and a reload: no question about its own edit', async () => {
    const via = await proxy();
    const lan = await enrolledDevice('lan', via.url);
    const report = await draftReport(lan, (r) => (r.membership.members = 100));
    await lan.engine.syncOnce();
    await edit(lan, report.id, (r) => (r.membership.members = 101));
    const cut = via.cutNextAnswer();
    expect((await lan.engine.syncOnce()).outcome).toBe('offline');
    await cut; // revision 2 holds 101; the phone never heard
    await edit(lan, report.id, (r) => (r.membership.members = 102));
    // The deputy's phone reads revision 2 and builds on it.
    const deputy = await enrolledDevice('deputy');
    await deputy.engine.syncOnce();
    await edit(deputy, report.id, (r) => (r.proposals.text = 'Kiến nghị của phó chủ tịch'));
    await deputy.engine.syncOnce();
    // The page reloads: a new engine, nothing in memory; what it must know is in the database.
    const reloaded = createSyncEngine({ storage: lan.syncStore, fetch: globalThis.fetch, random: () => 0.5 });

    const run = await reloaded.syncOnce();
    expect(run).toMatchObject({ outcome: 'synced', conflicts: 0 });
    const onServer = (await server.storedDocument(report.id))!;
    expect(onServer.membership.members).toBe(102);
    expect(onServer.proposals.text).toBe('Kiến nghị của phó chủ tịch');
    expect((await lan.report(report.id)).document).toEqual(onServer);
    expect((await lan.report(report.id)).sync.unanswered).toBeUndefined();
  });

  it('backs off while the server is down, then syncs when it is back on the same address', async () => {
    const device = await enrolledDevice('lan');
    const report = await draftReport(device);
    await device.engine.syncOnce();
    await edit(device, report.id, (r) => (r.proposals.text = 'Đề nghị tăng phúc lợi'));

    const { port, sqliteFile } = server;
    await server.close({ keepData: true });
    const start = device.clock.now;
    // random() = 0.5: half of the exponential ceiling (2 s, then 4 s).
    const down1 = await device.engine.syncOnce();
    expect(down1).toMatchObject({ outcome: 'offline', retryAt: start + 1_000 });
    const down2 = await device.engine.syncOnce();
    expect(down2).toMatchObject({ outcome: 'offline', retryAt: start + 2_000 });
    expect(device.engine.getStatus().state).toBe('offline');
    expect(await device.phase(report.id)).toBe('local');

    server = await startTestServer({ port, ...(sqliteFile ? { sqliteFile } : {}) });
    const back = await device.engine.syncOnce();
    expect(back).toMatchObject({ outcome: 'synced', pushed: 1, retryAt: null });
    expect((await server.storedDocument(report.id))?.proposals.text).toBe('Đề nghị tăng phúc lợi');
    expect(await device.phase(report.id)).toBe('saved');
    expect(device.engine.getStatus().state).toBe('idle');
  });

  it('honours Retry-After from a 503', async () => {
    const via = await proxy();
    const device = await enrolledDevice('lan', via.url);
    await draftReport(device);
    via.answerNextWith(
      'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 120\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    const result = await device.engine.syncOnce();
    expect(result.outcome).toBe('error');
    expect(result.retryAt).toBeGreaterThanOrEqual(device.clock.now + 120_000);
    expect((await device.engine.syncOnce()).outcome).toBe('synced');
  });

  it('abandons a request that hangs after the timeout, and retries later', async () => {
    const via = await proxy();
    // The request timeout is a timer the test fires itself, once the hung request is really in flight:
    // a wall-clock timeout here would either slow the test or fail it on a loaded machine.
    const requestTimers = new Set<() => void>();
    const timers = {
      setTimeout: (callback: () => void) => {
        requestTimers.add(callback);
        return callback;
      },
      clearTimeout: (handle: unknown) => void requestTimers.delete(handle as () => void),
    };
    const device = await enrolledDevice('lan', via.url, { timers });
    const report = await draftReport(device);
    via.blackhole(true);
    const seen = via.nextRequest();
    const hung = device.engine.syncOnce();
    expect(await seen).toMatch(/^PUT \/api\/reports\//);
    expect(requestTimers.size).toBe(1);
    for (const fire of requestTimers) fire();
    expect((await hung).outcome).toBe('offline');
    via.blackhole(false);
    expect((await device.engine.syncOnce()).outcome).toBe('synced');
    expect(await device.phase(report.id)).toBe('saved');
  });

  it('stops and asks to enrol again when its superior revoked the device', async () => {
    const device = await enrolledDevice('lan');
    const report = await draftReport(device);
    const [revoked] = await server.store.listDevices(unionId);
    await server.store.write((tx) => tx.revokeDevice(revoked!.id, new Date().toISOString()));
    const result = await device.engine.syncOnce();
    expect(result.outcome).toBe('unauthorized');
    expect(device.engine.getStatus().state).toBe('unauthorized');
    expect(await device.phase(report.id)).toBe('local');
  });
});

describe('two devices of one union', () => {
  async function twoDevicesSharingAReport() {
    const chair = await enrolledDevice('chair');
    const deputy = await enrolledDevice('deputy');
    const report = await draftReport(chair, (r) => (r.membership.femaleMembers = 40));
    await chair.engine.syncOnce();
    expect((await deputy.engine.syncOnce()).pulled).toBe(1);
    expect(await deputy.phase(report.id)).toBe('saved');
    return { chair, deputy, id: report.id };
  }

  it('merges edits both made offline to different fields and sessions, and ends in sync', async () => {
    const { chair, deputy, id } = await twoDevicesSharingAReport();
    await edit(chair, id, (r) => {
      r.membership.members = 110;
      r.dialogues.push({ ...session('chair-session'), ledBy: 'Chủ tịch CĐCS' });
    });
    await edit(deputy, id, (r) => {
      r.proposals.text = 'Kiến nghị về nhà ở cho công nhân';
      r.dialogues.push({ ...session('deputy-session'), ledBy: 'Phó chủ tịch' });
    });

    await chair.engine.syncOnce();
    const deputyRun = await deputy.engine.syncOnce();
    expect(deputyRun).toMatchObject({ outcome: 'synced', conflicts: 0 });
    await chair.engine.syncOnce();

    const onServer = (await server.storedDocument(id))!;
    expect(onServer.membership).toMatchObject({ members: 110, femaleMembers: 40 });
    expect(onServer.proposals.text).toBe('Kiến nghị về nhà ở cho công nhân');
    expect(onServer.dialogues.map((s) => s.id).sort()).toEqual(['chair-session', 'deputy-session']);
    expect((await chair.report(id)).document).toEqual(onServer);
    expect((await deputy.report(id)).document).toEqual(onServer);
    expect(await chair.phase(id)).toBe('saved');
    expect(await deputy.phase(id)).toBe('saved');
    expect(await server.store.listRevisions(id)).toHaveLength(3);
  });

  it('asks the officer about a field both changed differently, then syncs the decision', async () => {
    const { chair, deputy, id } = await twoDevicesSharingAReport();
    await edit(chair, id, (r) => {
      r.membership.members = 110;
      r.inspection.inspections = 2;
    });
    await edit(deputy, id, (r) => {
      r.membership.members = 105;
      r.proposals.text = 'Máy phó chủ tịch';
    });
    await chair.engine.syncOnce();

    const run = await deputy.engine.syncOnce();
    expect(run.conflicts).toBe(1);
    expect(await deputy.phase(id)).toBe('conflict');
    // Waiting for the officer: later cycles send nothing for this report.
    expect((await deputy.engine.syncOnce()).pushRequests).toBe(0);

    const stored = await deputy.report(id);
    const remote = stored.sync.conflict!;
    const { merged, conflicts } = mergeReports(stored.sync.base, stored.document, remote.document);
    expect(conflicts).toEqual([{ path: 'membership.members', base: 100, local: 105, remote: 110 }]);
    const decided = resolveConflicts(merged, conflicts, { 'membership.members': 'remote' });
    const saved = await deputy.syncStore.resolveConflict(id, decided, remote.revision);
    expect(saved?.membership.members).toBe(110);
    expect(await deputy.phase(id)).toBe('local');

    expect((await deputy.engine.syncOnce()).pushed).toBe(1);
    await chair.engine.syncOnce();
    const onServer = (await server.storedDocument(id))!;
    expect(onServer.membership.members).toBe(110);
    expect(onServer.inspection.inspections).toBe(2);
    expect(onServer.proposals.text).toBe('Máy phó chủ tịch');
    expect((await chair.report(id)).document).toEqual(onServer);
    expect(await deputy.phase(id)).toBe('saved');
    expect(await chair.phase(id)).toBe('saved');
  });

  it('tells an open editor what a pull wrote, so unsaved typing is rebased instead of overwriting it', async () => {
    const { chair, deputy, id } = await twoDevicesSharingAReport();
    const loaded = (await deputy.report(id)).document; // the editor opened the report
    const typing = { ...loaded, proposals: { text: 'Đang gõ dở' } }; // not yet autosaved
    let notify!: (document: ReportDocument) => void;
    const seen = new Promise<ReportDocument>((resolve) => (notify = resolve));
    const stop = deputy.syncStore.watchReport(id, (stored) => {
      if (stored && stored.document.updatedAt !== loaded.updatedAt) notify(stored.document);
    });
    try {
      await edit(chair, id, (r) => (r.membership.members = 112));
      await chair.engine.syncOnce();
      await deputy.engine.syncOnce();
      const underneath = await seen;
      expect(underneath.membership.members).toBe(112);
      const rebased = mergeReports(loaded, typing, underneath).merged;
      expect(rebased.membership.members).toBe(112);
      expect(rebased.proposals.text).toBe('Đang gõ dở');
    } finally {
      stop();
    }
  });

  it('makes the officer decide again when the server copy moved on while deciding', async () => {
    const { chair, deputy, id } = await twoDevicesSharingAReport();
    await edit(chair, id, (r) => (r.membership.members = 110));
    await edit(deputy, id, (r) => (r.membership.members = 105));
    await chair.engine.syncOnce();
    await deputy.engine.syncOnce();
    const shown = (await deputy.report(id)).sync.conflict!;

    await edit(chair, id, (r) => (r.membership.members = 111));
    await chair.engine.syncOnce();
    await deputy.engine.syncOnce(); // the pull brings the newer server copy into the conflict
    const newer = (await deputy.report(id)).sync.conflict!;
    expect(newer.revision).not.toBe(shown.revision);
    expect(newer.document.membership.members).toBe(111);

    const stale = resolveConflicts((await deputy.report(id)).document, [], {});
    await expect(deputy.syncStore.resolveConflict(id, stale, shown.revision)).rejects.toThrow();
    expect(await deputy.phase(id)).toBe('conflict');

    const stored = await deputy.report(id);
    const { merged, conflicts } = mergeReports(stored.sync.base, stored.document, newer.document);
    expect(conflicts.map((c) => [c.local, c.remote])).toEqual([[105, 111]]);
    await deputy.syncStore.resolveConflict(id, resolveConflicts(merged, conflicts, { 'membership.members': 'local' }), newer.revision);
    await deputy.engine.syncOnce();
    await chair.engine.syncOnce();
    expect((await server.storedDocument(id))?.membership.members).toBe(105);
    expect((await chair.report(id)).document.membership.members).toBe(105);
  });

  it('sets aside a second report for a period the union already has (409), naming the existing one', async () => {
    const chair = await enrolledDevice('chair');
    const deputy = await enrolledDevice('deputy');
    const first = await draftReport(chair);
    const second = await draftReport(deputy);
    await chair.engine.syncOnce();

    const run = await deputy.engine.syncOnce();
    expect(run.refused).toBe(1);
    const refused = await deputy.report(second.id);
    expect(refused.sync.refusal).toMatchObject({ error: 'period_taken', details: { existingReportId: first.id } });
    expect(await deputy.phase(second.id)).toBe('refused');
    // The chair's report reached the deputy too, so the officer can continue on that one.
    expect(await deputy.phase(first.id)).toBe('saved');
    expect((await deputy.engine.syncOnce()).pushRequests).toBe(0);
  });
});

describe('refusals and the superior', () => {
  it('sets a refused report (422) aside with its reason while another report syncs, and retries it once edited', async () => {
    const via = await proxy();
    const device = await enrolledDevice('lan', via.url);
    // A ready report breaking a rule (members above workers), as an older app version could have stored it.
    const broken = emptyReport(crypto.randomUUID(), { year: 2024, kind: 'yearly' }, '2025-01-05T08:00:00.000Z');
    broken.status = 'ready';
    broken.membership.workers = 50;
    broken.membership.members = 80;
    await device.local.db.transaction('rw', device.local.db.reports, device.local.db.outbox, async () => {
      await device.local.db.reports.put({
        id: broken.id,
        periodKey: periodKey(broken.period),
        formId: 'ke-hoach-94',
        updatedAt: broken.updatedAt,
        localVersion: 1,
        document: broken,
        sync: neverSynced(),
      });
      await device.local.db.outbox.put(newOutboxEntry(broken.id, broken.updatedAt));
    });
    const good = await draftReport(device);

    const run = await device.engine.syncOnce();
    expect(run).toMatchObject({ outcome: 'synced', pushed: 1, refused: 1 });
    expect(await device.phase(good.id)).toBe('saved');
    expect(await device.phase(broken.id)).toBe('refused');
    const refusal = (await device.report(broken.id)).sync.refusal;
    expect(refusal?.error).toBe('validation_failed');
    expect(JSON.stringify(refusal?.details)).toContain('membership.members');
    expect((await device.local.db.outbox.get(broken.id))?.nextAttemptAt).toBe(SET_ASIDE);

    via.resetCounters();
    expect((await device.engine.syncOnce()).pushRequests).toBe(0);
    expect(via.requestLines().some((line) => line.startsWith('PUT'))).toBe(false);

    await edit(device, broken.id, (r) => (r.membership.workers = 90));
    const fixed = await device.engine.syncOnce();
    expect(fixed.pushed).toBe(1);
    expect(await device.phase(broken.id)).toBe('sent');
    expect((await device.report(broken.id)).sync.refusal).toBeNull();
  });

  it('shows the superior returning a report with its comment, and accepting it after a fix', async () => {
    const device = await enrolledDevice('lan');
    const report = await draftReport(device);
    await device.local.reports.markReady(report.id);
    await device.engine.syncOnce();
    expect(await device.phase(report.id)).toBe('sent');

    const staff = await server.staffSession();
    const review = async (body: object) =>
      fetch(`${server.url}/api/staff/reports/${report.id}/review`, {
        method: 'POST',
        headers: { ...staff.headers, 'content-type': 'application/json' },
        // The reviewer decides on the revision it read: the current one.
        body: JSON.stringify({ ...body, revision: String((await server.store.findReport(report.id))?.revision) }),
      });
    expect((await review({ status: 'returned', comment: 'Bổ sung số đoàn viên nữ' })).status).toBe(200);
    expect((await device.engine.syncOnce()).pulled).toBe(1);
    expect(await device.phase(report.id)).toBe('returned');
    expect((await device.report(report.id)).sync.review?.comment).toBe('Bổ sung số đoàn viên nữ');

    await edit(device, report.id, (r) => (r.membership.femaleMembers = 45));
    await device.engine.syncOnce();
    expect(await device.phase(report.id)).toBe('sent');
    expect((await review({ status: 'accepted', comment: '' })).status).toBe(200);
    await device.engine.syncOnce();
    expect(await device.phase(report.id)).toBe('accepted');
  });

  it('brings a decision with a pull only, and remembers the return once the server has cleared it', async () => {
    const device = await enrolledDevice('lan');
    const report = await draftReport(device);
    await device.local.reports.markReady(report.id);
    await device.engine.syncOnce();
    const lifecycle = async () => {
      const stored = await device.report(report.id);
      return reportLifecycle({ document: stored.document, sync: stored.sync });
    };
    expect((await lifecycle()).stage).toBe('sent');

    const comment = 'Bổ sung số đoàn viên nữ';
    await server.reviewReport(report.id, 'returned', comment);
    // "Kiểm tra phản hồi": one GET, no PUT, even with another report waiting in the outbox.
    const other = await device.local.reports.create({ year: 2024, kind: 'yearly' });
    const pulled = await device.engine.pullOnce();
    expect(pulled).toMatchObject({ outcome: 'synced', pushRequests: 0, pulled: 1 });
    expect((await device.report(other.id)).sync.serverRevision).toBeNull();
    expect(await lifecycle()).toMatchObject({ stage: 'returned', action: 'fixAndResend', locked: true, comment });
    const returnedRevision = (await device.report(report.id)).sync.serverRevision;

    // Fixing: the reopened draft reaches the server, which clears its decision; the phone keeps the comment.
    await device.local.reports.reopen(report.id);
    await edit(device, report.id, (r) => (r.membership.femaleMembers = 45));
    await device.engine.syncOnce();
    const fixing = (await device.report(report.id)).sync;
    expect(fixing.review).toBeNull();
    expect(fixing.lastReturn).toMatchObject({ revision: returnedRevision, review: { status: 'returned', comment } });
    expect(fixing.lastReturn?.document.membership.femaleMembers).toBeNull();
    expect(await lifecycle()).toMatchObject({ stage: 'fixing', action: 'sendAgain', locked: false, comment });

    await device.local.reports.markReady(report.id);
    await device.engine.syncOnce();
    expect(await lifecycle()).toMatchObject({ stage: 'resent', locked: true, comment });
    await server.reviewReport(report.id, 'accepted');
    await device.engine.pullOnce();
    expect(await lifecycle()).toMatchObject({ stage: 'accepted', action: 'viewAndPrint', comment: null });
  });
});

function session(id: string): ReportDocument['dialogues'][number] {
  return {
    id,
    date: '2025-05-10',
    kind: 'workplace',
    ledBy: '',
    participants: 30,
    recommendationsRaised: 3,
    recommendationsResolved: 1,
    notes: '',
  };
}
