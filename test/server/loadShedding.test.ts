/**
 * Load shedding (src/server/http/loadShedding.ts, @fastify/under-pressure): while the event loop is
 * stalled, new requests get 503 `overloaded` with Retry-After in the API's error shape and headers, and
 * nothing is stored; once it runs freely again, the same push is taken. The threshold is lowered here;
 * the stall is a synchronous one in this process, as a hung disk makes of a SQLite commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiError } from '../../src/domain/sync';
import { type EnrolledDevice, pushHeaders, sampleReport, startTestServer, type TestServer } from './helpers';

/** Holds the event loop for `ms`, as a commit stuck on the disk would. */
function stallEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: nothing else in this process runs meanwhile
  }
}

describe('load shedding', () => {
  let server: TestServer;
  let device: EnrolledDevice;
  beforeAll(async () => {
    server = await startTestServer({ pressure: { maxEventLoopDelayMs: 150, sampleIntervalMs: 50, retryAfterSeconds: 7 } });
    // The test process's own start (loading modules, scrypt) can stall the loop past this low threshold:
    // enrol once the server takes requests.
    for (;;) {
      try {
        device = await server.enrolDevice();
        break;
      } catch (error) {
        if (!String(error).includes('503')) throw error;
      }
    }
  });
  afterAll(() => server?.close());

  it('answers 503 overloaded with Retry-After while the event loop is stalled, stores nothing, and takes the push once it runs again', async () => {
    // A new report for each try, each pushed once with its own Idempotency-Key, as the engine would.
    const pushNew = async () => {
      const report = sampleReport();
      const headers = pushHeaders(device);
      const send = () => fetch(`${server.url}/api/reports/${report.id}`, { method: 'PUT', headers, body: JSON.stringify(report) });
      return { report, send, answer: await send() };
    };

    // Stall, then push, until a push meets a sample of the event loop that saw the stall (the sampling
    // timer decides which push that is). Every push either is taken whole or is shed and stores nothing.
    let shed: Awaited<ReturnType<typeof pushNew>> | undefined;
    for (let attempt = 0; attempt < 40 && !shed; attempt++) {
      stallEventLoop(600);
      const tried = await pushNew();
      if (tried.answer.status === 503) shed = tried;
      else {
        expect(tried.answer.status).toBe(201);
        expect(await server.store.findReport(tried.report.id)).toMatchObject({ revision: 1 });
      }
    }
    expect(shed, 'no push was shed').toBeDefined();
    const { report, send, answer } = shed as NonNullable<typeof shed>;
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(((await answer.json()) as ApiError).error).toBe('overloaded');
    expect(await server.store.findReport(report.id)).toBeUndefined();

    // The loop runs freely again: the device's retry of the shed push is taken.
    await expect.poll(async () => (await send()).status, { timeout: 15_000, interval: 50 }).toBe(201);
    expect(await server.store.findReport(report.id)).toMatchObject({ revision: 1 });
  });
});
