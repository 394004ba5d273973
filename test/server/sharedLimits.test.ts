/**
 * The rate limits hold across a province's server processes: two real `main.ts` processes on one
 * PostgreSQL schema, with the limits they ship with (10 failed enrolments or sign-ins a minute per
 * address, 20 wrong passwords per account in 15 minutes, 60 pushes a minute per device). A guesser who
 * sends his guesses to both in turn is stopped after the limit counted over both, not after twice it;
 * successes still never count. Each test speaks from its own address (the processes trust 127.0.0.1 as
 * their proxy), so the tests do not share a window.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, PutReportResponse } from '../../src/domain/sync';
import { issueEnrolmentCode, enrol as enrolDirectly } from '../../src/server/services/devices';
import { createRootNode, createUnion } from '../../src/server/services/organisation';
import { CONSOLE, createStaff } from '../../src/server/services/staff';
import { announcePostgresSkip, openTestStore, pushHeaders, readyReport, TEST_DATABASE_URL, type TestStore } from './helpers';
import { schemaUrl, startServerProcess, stopServerProcesses } from './processes';

announcePostgresSkip();

(TEST_DATABASE_URL ? describe : describe.skip)('rate limits across two server processes on one PostgreSQL', () => {
  let opened: TestStore;
  let context: { store: TestStore['store']; now: () => Date };
  let provinceId: string;
  const children: ChildProcess[] = [];
  let urls: string[] = [];
  let nextAddress = 1;
  /** An address of its own for each test, as the proxy in front of both processes would report it. */
  const newAddress = () => ({ 'x-forwarded-for': `203.0.113.${nextAddress++}` });

  beforeAll(async () => {
    opened = await openTestStore('postgres');
    context = { store: opened.store, now: () => new Date() };
    provinceId = (await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh Hai Tiến Trình' })).id;
    const processes = [0, 1].map(() => startServerProcess(schemaUrl(opened.pgSchema as string), { TRUST_PROXY: '127.0.0.1' }));
    children.push(...processes.map((started) => started.child));
    urls = await Promise.all(processes.map((started) => started.url));
  }, 120_000);

  afterAll(async () => {
    await stopServerProcesses(children);
    await opened?.dispose();
  });

  const post = (i: number, path: string, headers: Record<string, string>, body: unknown) =>
    fetch(`${urls[i % 2]}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  async function expectRefused(response: Response, window: number) {
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(window);
    const body = (await response.json()) as ApiError;
    expect(body).toMatchObject({ error: 'rate_limited', message: expect.any(String) });
  }

  async function newCode() {
    const union = await createUnion(context, CONSOLE, { name: `CĐCS ${randomUUID().slice(0, 6)}`, superiorId: provinceId });
    return (await issueEnrolmentCode(context, CONSOLE, union.id, {})).code;
  }

  it('refuses the eleventh wrong enrolment code sent to the two processes in turn, and lets fifteen valid enrolments through both at once', async () => {
    const from = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await post(i, '/api/enrol', from, { code: `ZZZZ-ZZ${String(i).padStart(2, '2')}`, deviceName: 'đoán mò' })).status);
    expect(statuses).toEqual(Array(9).fill(400));

    // One failure left in the window over both processes: fifteen phones of a training session, half
    // through each process, still all get in (successes never count; they take the last slot in turn).
    const codes = await Promise.all(Array.from({ length: 15 }, () => newCode()));
    const enrolled = await Promise.all(codes.map((code, i) => post(i, '/api/enrol', from, { code, deviceName: `Máy ${i + 1}` })));
    expect(enrolled.map((answer) => answer.status)).toEqual(Array(15).fill(201));

    expect((await post(9, '/api/enrol', from, { code: 'ZZZZ-ZZ99', deviceName: 'đoán mò' })).status).toBe(400);
    await expectRefused(await post(10, '/api/enrol', from, { code: 'ZZZZ-ZZ98', deviceName: 'đoán mò' }), 60);
    // The window is shared: the other process refuses too, even a right code.
    await expectRefused(await post(11, '/api/enrol', from, { code: await newCode(), deviceName: 'Máy đến sau' }), 60);
  }, 60_000);

  it('refuses the eleventh wrong password from one address, sent to the two processes in turn', async () => {
    const username = `can.bo.${randomUUID().slice(0, 6)}`;
    await createStaff(context, CONSOLE, provinceId, { username, password: 'mot-mat-khau-dai', role: 'viewer' });
    const from = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(i, '/api/staff/login', from, { username, password: `sai ${i}` })).status);
    expect(statuses).toEqual(Array(10).fill(401));
    await expectRefused(await post(10, '/api/staff/login', from, { username, password: 'sai nữa' }), 60);
    await expectRefused(await post(11, '/api/staff/login', from, { username, password: 'mot-mat-khau-dai' }), 60);
  }, 60_000);

  it('refuses the twenty-first wrong password for one account, from new addresses through both processes', async () => {
    const username = `ke.toan.${randomUUID().slice(0, 6)}`;
    await createStaff(context, CONSOLE, provinceId, { username, password: 'mot-mat-khau-dai', role: 'viewer' });
    // Signing in right, many times at once through both, never counts.
    const together = await Promise.all(Array.from({ length: 6 }, (_, i) => post(i, '/api/staff/login', newAddress(), { username, password: 'mot-mat-khau-dai' })));
    expect(together.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await post(i, '/api/staff/login', newAddress(), { username, password: `đoán ${i}` })).status);
    expect(statuses).toEqual(Array(20).fill(401));
    await expectRefused(await post(20, '/api/staff/login', newAddress(), { username, password: 'đoán nữa' }), 15 * 60);
    await expectRefused(await post(21, '/api/staff/login', newAddress(), { username, password: 'mot-mat-khau-dai' }), 15 * 60);
  }, 60_000);

  it('refuses the sixty-first push of one device in a minute, its pushes sent to the two processes in turn', async () => {
    const union = await createUnion(context, CONSOLE, { name: 'CĐCS đẩy nhanh', superiorId: provinceId });
    const { token } = await enrolDirectly(context, { code: (await issueEnrolmentCode(context, CONSOLE, union.id, {})).code, deviceName: 'máy nhanh' });
    const document = readyReport();
    let revision: string | null = null;
    const statuses: number[] = [];
    for (let n = 0; n < 61; n++) {
      document.membership.workers = 100 + n;
      document.membership.members = 90;
      const response: Response = await fetch(`${urls[n % 2]}/api/reports/${document.id}`, {
        method: 'PUT',
        headers: pushHeaders({ headers: { authorization: `Bearer ${token}` } }, revision === null ? {} : { revision }),
        body: JSON.stringify(document),
      });
      statuses.push(response.status);
      if (response.ok) revision = ((await response.json()) as PutReportResponse).report.revision;
      else if (n < 60) throw new Error(`push ${n + 1} answered ${response.status}: ${await response.text()}`);
      else await expectRefused(response, 60);
    }
    expect(statuses).toEqual([201, ...Array(59).fill(200), 429]);
    expect((await opened.store.findReport(document.id))?.revision).toBe(60);
  }, 60_000);
});
