/**
 * Load shedding (src/server/http/loadShedding.ts, @fastify/under-pressure): while the event loop is
 * stalled, new requests get 503 `overloaded` with Retry-After in the API's error shape and headers, and
 * nothing is stored; once it runs freely again, the same push is taken. The threshold is lowered here;
 * the stall is a synchronous one in this process, as a hung disk makes of a SQLite commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiError } from '../../../src/domain/sync';
import { type EnrolledDevice, pushHeaders, sampleReport, startTestServer, type TestServer } from '../helpers';

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
    // One report, pushed again with a changed figure on each try, as the engine would after an edit: a
    // taken push stores the next revision, a shed one stores nothing.
    const report = sampleReport();
    let revision: number | undefined;
    const pushNext = async (attempt: number) => {
      const body = JSON.stringify({ ...report, updatedAt: new Date(Date.parse(report.updatedAt) + (attempt + 1) * 1000).toISOString() });
      const headers = pushHeaders(device, revision === undefined ? {} : { revision: String(revision) });
      const send = () => fetch(`${server.url}/api/reports/${report.id}`, { method: 'PUT', headers, body });
      return { send, answer: await send() };
    };
    const storedRevision = async () => (await server.store.findReport(report.id))?.revision;

    // Stall, then push, until a push meets a sample of the event loop that saw the stall (the sampling
    // timer decides which push that is).
    let shed: Awaited<ReturnType<typeof pushNext>> | undefined;
    for (let attempt = 0; attempt < 40 && !shed; attempt++) {
      stallEventLoop(600);
      const tried = await pushNext(attempt);
      if (tried.answer.status === 503) shed = tried;
      else {
        expect(tried.answer.status).toBe(revision === undefined ? 201 : 200);
        revision = (revision ?? 0) + 1;
        expect(await storedRevision()).toBe(revision);
      }
    }
    expect(shed, 'no push was shed').toBeDefined();
    const { send, answer } = shed as NonNullable<typeof shed>;
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(((await answer.json()) as ApiError).error).toBe('overloaded');
    expect(await storedRevision()).toBe(revision);

    // The loop runs freely again: the device's retry of the shed push is taken.
    await expect.poll(async () => (await send()).status, { timeout: 15_000, interval: 50 }).toBe(revision === undefined ? 201 : 200);
    expect(await storedRevision()).toBe((revision ?? 0) + 1);
  });
});
