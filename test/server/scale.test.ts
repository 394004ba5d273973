/**
 * A province's server as several processes on one PostgreSQL: two real `main.ts` processes serve the
 * same database while the devices of two unions race pushes (two devices per union, each through a
 * different process), replays of one push go to both, and a reviewer returns reports through either.
 * Nothing is lost or doubled: every accepted push is exactly one revision, revisions run 1…n without
 * a hole, and a device that follows the change feed through both processes sees every report's
 * final state, in order (change_seq is taken under the union's row lock, so commit order is cursor order).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/domain/report';
import type { StaffReportView } from '../../src/domain/staff';
import type { ReportChangesResponse, ServerReport } from '../../src/domain/sync';
import { enrol, issueEnrolmentCode } from '../../src/server/services/devices';
import { createRootNode, createUnion } from '../../src/server/services/organisation';
import { CONSOLE, createStaff, login } from '../../src/server/services/staff';
import { announcePostgresSkip, openTestStore, readyReport, TEST_DATABASE_URL, type TestStore } from './helpers';
import { schemaUrl, startServerProcess, stopServerProcesses } from './processes';

announcePostgresSkip();

interface Device {
  token: string;
  server: string;
}

async function put(device: Device, document: ReportDocument, base: string | null, key = randomUUID()) {
  const response = await fetch(`${device.server}/api/reports/${document.id}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${device.token}`,
      'content-type': 'application/json',
      'idempotency-key': key,
      ...(base === null ? { 'if-none-match': '*' } : { 'if-match': `"${base}"` }),
    },
    body: JSON.stringify(document),
  });
  const body = (await response.json()) as { report?: ServerReport; details?: { current?: ServerReport } };
  return { status: response.status, report: body.report ?? body.details?.current };
}

(TEST_DATABASE_URL ? describe : describe.skip)('two server processes on one PostgreSQL', () => {
  let opened: TestStore;
  const children: ChildProcess[] = [];
  let urls: string[] = [];
  const unions: { reportId: string; devices: Device[] }[] = [];
  let reviewer: Record<string, string>;

  beforeAll(async () => {
    opened = await openTestStore('postgres');
    const context = { store: opened.store, now: () => new Date() };
    const province = await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh Đua' });
    const processes = [0, 1].map(() => startServerProcess(schemaUrl(opened.pgSchema as string)));
    children.push(...processes.map((started) => started.child));
    urls = await Promise.all(processes.map((started) => started.url));
    for (let u = 0; u < 2; u++) {
      const union = await createUnion(context, CONSOLE, { name: `CĐCS đua ${u}`, superiorId: province.id });
      const devices: Device[] = [];
      for (let d = 0; d < 2; d++) {
        const { code } = await issueEnrolmentCode(context, CONSOLE, union.id, {});
        devices.push({ token: (await enrol(context, { code, deviceName: `máy ${d}` })).token, server: urls[d] as string });
      }
      unions.push({ reportId: randomUUID(), devices });
    }
    await createStaff(context, CONSOLE, province.id, { username: 'duyet.dua', password: 'mot-mat-khau-dai', role: 'reviewer' });
    const session = await login(context, { username: 'duyet.dua', password: 'mot-mat-khau-dai' });
    if (!('token' in session)) throw new Error('no two-step sign-in here');
    reviewer = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
  });

  afterAll(async () => {
    await stopServerProcesses(children);
    await opened?.dispose();
  });

  it('loses no update, doubles no revision and leaves no gap in the change feed', async () => {
    const PUSHES_PER_DEVICE = 6;
    const accepted = new Map<string, number>(); // report id → accepted pushes that made a revision
    const seen = new Map<string, number>(); // report id → highest revision the change feed showed

    // Each device pushes its own edit on top of whatever the server holds, through its own process, until it got through.
    async function device(union: (typeof unions)[number], index: number) {
      const me = union.devices[index] as Device;
      let base: ServerReport | undefined;
      for (let n = 0; n < PUSHES_PER_DEVICE; ) {
        const document = readyReport({ id: union.reportId });
        document.membership.workers = 100 + index * 100 + n;
        document.membership.members = 90;
        const answer = await put(me, document, base?.revision ?? null);
        if (answer.status === 200 || answer.status === 201) {
          accepted.set(union.reportId, (accepted.get(union.reportId) ?? 0) + 1);
          n++;
          base = answer.report;
        } else {
          // The other device (through the other process) got there first: go on from the server's copy.
          expect(answer.status).toBe(412);
          base = answer.report;
        }
      }
    }

    // A reviewer returning each report through alternating processes while the devices push.
    async function reviews() {
      for (let round = 0; round < 6; round++)
        for (const union of unions) {
          // A decision names the revision the reviewer read (since the report lifecycle): read it through
          // one process, decide through the other; a push in between makes it stale (412), which is right.
          const read = await fetch(`${urls[(round + 1) % 2]}/api/staff/reports/${union.reportId}`, { headers: reviewer });
          expect([200, 404]).toContain(read.status);
          if (read.status === 404) continue;
          const { report } = (await read.json()) as StaffReportView;
          const response = await fetch(`${urls[round % 2]}/api/staff/reports/${union.reportId}/review`, {
            method: 'POST',
            headers: reviewer,
            body: JSON.stringify({ status: 'returned', comment: `Vòng ${round}: bổ sung.`, revision: report.revision }),
          });
          expect([200, 412]).toContain(response.status);
        }
    }

    // One follower per union reads the feed through both processes in turn, checking order as it goes.
    let racing = true;
    async function follow(union: (typeof unions)[number]) {
      let cursor = '0';
      let turn = 0;
      const read = async () => {
        const device = union.devices[0] as Device;
        const response = await fetch(`${urls[turn++ % 2]}/api/reports?since=${cursor}`, { headers: { authorization: `Bearer ${device.token}` } });
        const page = (await response.json()) as ReportChangesResponse;
        expect(Number(page.cursor)).toBeGreaterThanOrEqual(Number(cursor));
        for (const report of page.reports) {
          const revision = Number(report.revision);
          expect(revision).toBeGreaterThanOrEqual(seen.get(report.document.id) ?? 0);
          seen.set(report.document.id, revision);
        }
        cursor = page.cursor;
        return page.hasMore;
      };
      while (racing) await read();
      while (await read());
    }

    const followers = unions.map(follow);
    await Promise.all([...unions.flatMap((union) => [device(union, 0), device(union, 1)]), reviews()]);
    racing = false;
    await Promise.all(followers);

    for (const union of unions) {
      const stored = await opened.store.findReport(union.reportId);
      const revisions = await opened.store.listRevisions(union.reportId);
      // Exactly one revision per accepted push, numbered 1…n, and the report is at the last one.
      expect(accepted.get(union.reportId)).toBe(2 * PUSHES_PER_DEVICE);
      expect(revisions.map((revision) => revision.revision)).toEqual(Array.from({ length: 2 * PUSHES_PER_DEVICE }, (_, i) => i + 1));
      expect(stored?.revision).toBe(2 * PUSHES_PER_DEVICE);
      // The follower saw the final state.
      expect(seen.get(union.reportId)).toBe(stored?.revision);
    }

    // The same push sent to both processes at once (a retry that raced its original) makes one revision.
    const union = unions[0] as (typeof unions)[number];
    const current = (await opened.store.findReport(union.reportId)) as { revision: number };
    const document = readyReport({ id: union.reportId });
    document.membership.workers = 999;
    document.membership.members = 900;
    const key = randomUUID();
    const [first, second] = await Promise.all(
      urls.map((server) => put({ token: (union.devices[0] as Device).token, server }, document, String(current.revision), key)),
    );
    expect([first?.status, second?.status]).toEqual([200, 200]);
    expect(first?.report?.revision).toBe(second?.report?.revision);
    expect((await opened.store.listRevisions(union.reportId)).length).toBe(current.revision + 1);
  });
});
