/**
 * When the engine runs on its own: at start, after an edit (debounced), periodically, and after a
 * failure at the backoff time; `online`, Background Sync and "Gửi ngay" skip the wait. Timers are captured, not
 * waited for, so the test controls time; the server is real.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Timers } from '../../../src/app/sync/api';
import type { SyncRunResult } from '../../../src/app/sync/engine';
import { startTestServer, type TestServer } from '../../server/helpers';
import { makeDevice, type ManualClock, type TestDevice } from './devices';
import { startProxy, type TestProxy } from './proxy';

interface Pending {
  callback: () => void;
  at: number;
}

/** Timers that only record; `fire()` runs the sync timer (request timeouts are cleared as requests end). */
function manualTimers(clock: ManualClock) {
  const pending = new Set<Pending>();
  const timers: Timers = {
    setTimeout(callback, ms) {
      const entry = { callback, at: clock.now + ms };
      pending.add(entry);
      return entry;
    },
    clearTimeout(handle) {
      pending.delete(handle as Pending);
    },
  };
  return {
    timers,
    /** When the one remaining timer would fire, as an offset from now. */
    nextIn(): number | null {
      const [only, ...rest] = [...pending];
      if (rest.length > 0) throw new Error(`${pending.size} timers pending`);
      return only ? only.at - clock.now : null;
    },
    fire(): void {
      const [only] = [...pending];
      if (!only) throw new Error('no timer');
      pending.delete(only);
      clock.now = only.at;
      only.callback();
    },
  };
}

let server: TestServer;
let via: TestProxy;
let device: TestDevice;
let scheduler: ReturnType<typeof manualTimers>;
const clock: ManualClock = { now: 0 };

beforeEach(async () => {
  server = await startTestServer();
  via = await startProxy(server.port);
  clock.now = Date.parse('2025-11-20T08:00:00.000Z');
  scheduler = manualTimers(clock);
  device = await makeDevice('timer', {
    timers: scheduler.timers,
    now: () => clock.now,
    periodicMs: 300_000,
    localChangeDelayMs: 3_000,
  });
  const union = await server.createUnion();
  const { code } = await server.issueCode(union.id);
  await device.enrol(via.url, code);
});

afterEach(async () => {
  device.close();
  await via.close();
  await server.close();
});

async function settle(): Promise<SyncRunResult> {
  const running = device.engine.inFlight();
  if (!running) throw new Error('no cycle in flight');
  return running;
}

describe('the sync schedule', () => {
  it('runs at start, then pulls every few minutes while all is well', async () => {
    device.engine.start();
    expect(scheduler.nextIn()).toBe(0);
    scheduler.fire();
    expect((await settle()).outcome).toBe('synced');
    expect(scheduler.nextIn()).toBe(300_000);
    via.resetCounters();
    scheduler.fire();
    await settle();
    expect(via.requestLines()).toEqual([expect.stringMatching(/^GET \/api\/reports/)]);
  });

  it('pushes a few seconds after an edit, one push for a burst of edits', async () => {
    device.engine.start();
    scheduler.fire();
    await settle();

    const created = await device.local.reports.create({ year: 2025, kind: 'yearly' });
    for (let members = 1; members <= 5; members++) {
      await device.local.reports.save({ ...created.document, membership: { ...created.document.membership, members } });
      device.engine.requestSync('localChange');
    }
    expect(scheduler.nextIn()).toBe(3_000);
    via.resetCounters();
    scheduler.fire();
    expect((await settle()).pushRequests).toBe(1);
    expect(via.requestLines().filter((line) => line.startsWith('PUT'))).toHaveLength(1);
    expect((await server.store.findReport(created.id))?.documentJson).toContain('"members":5');
  });

  it('retries at the backoff time after a failure, keeps that time on other triggers, and "online" skips it', async () => {
    device.engine.start();
    via.blackhole(true);
    via.answerNextWith('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    scheduler.fire();
    expect((await settle()).outcome).toBe('error');
    expect(scheduler.nextIn()).toBe(1_000); // random 0.5 × 2 s
    device.engine.requestSync('visible');
    device.engine.requestSync('localChange');
    expect(scheduler.nextIn()).toBe(1_000);

    device.engine.requestSync('online');
    const result = await settle();
    expect(result.outcome).toBe('synced');
    expect(device.engine.getStatus()).toMatchObject({ state: 'idle', retryAt: null });
    expect(scheduler.nextIn()).toBe(300_000);
  });

  it('a Background Sync wake-up from the service worker skips the backoff like "online"', async () => {
    device.engine.start();
    via.blackhole(true);
    via.answerNextWith('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    scheduler.fire();
    expect((await settle()).outcome).toBe('error');
    expect(scheduler.nextIn()).toBe(1_000);

    device.engine.requestSync('backgroundSync');
    expect((await settle()).outcome).toBe('synced');
    expect(device.engine.getStatus()).toMatchObject({ state: 'idle', retryAt: null });
  });

  it('sends nothing while the browser says it is offline', async () => {
    await device.local.reports.create({ year: 2025, kind: 'yearly' });
    const offline = await makeDevice('offline', { isOnline: () => false });
    try {
      const union = await server.createUnion();
      await offline.enrol(via.url, (await server.issueCode(union.id)).code);
      await offline.local.reports.create({ year: 2025, kind: 'yearly' });
      via.resetCounters();
      expect((await offline.engine.syncOnce()).outcome).toBe('offline');
      expect(via.bytesFromDevice()).toBe(0);
      expect(offline.engine.getStatus().state).toBe('offline');
    } finally {
      offline.close();
    }
  });

  it('pulls page after page until the server has no more', async () => {
    const union = await server.createUnion();
    const writer = await makeDevice('writer');
    const reader = await makeDevice('reader', { pullPageSize: 2 });
    try {
      await writer.enrol(server.url, (await server.issueCode(union.id)).code);
      await reader.enrol(via.url, (await server.issueCode(union.id)).code);
      for (const year of [2021, 2022, 2023, 2024, 2025]) await writer.local.reports.create({ year, kind: 'yearly' });
      expect((await writer.engine.syncOnce()).pushed).toBe(5);

      via.resetCounters();
      const run = await reader.engine.syncOnce();
      expect(run.pulled).toBe(5);
      expect(via.requestLines().filter((line) => line.startsWith('GET'))).toHaveLength(3);
      expect((await reader.local.reports.list()).map((r) => r.document.period.year).sort()).toEqual([2021, 2022, 2023, 2024, 2025]);
      expect(await reader.local.settings.get('syncCursor')).toBeTruthy();
    } finally {
      writer.close();
      reader.close();
    }
  });
});
