import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../../src/app/sync/backoff';
import { inProcessLock, webLock } from '../../../src/app/sync/lock';

const policy = { baseMs: 2_000, capMs: 300_000 };

describe('backoffDelay', () => {
  it('doubles the ceiling per failure and draws the delay anywhere below it (full jitter)', () => {
    expect(backoffDelay(1, () => 0.999, policy)).toBe(1_998);
    expect(backoffDelay(2, () => 0.5, policy)).toBe(2_000);
    expect(backoffDelay(3, () => 0.5, policy)).toBe(4_000);
    expect(backoffDelay(3, () => 0, policy)).toBe(0);
  });

  it('never waits more than a few minutes, however many failures', () => {
    expect(backoffDelay(30, () => 0.999_999, policy)).toBeLessThanOrEqual(300_000);
    expect(backoffDelay(1_000, () => 0.5, policy)).toBe(150_000);
  });

  it("never retries before the server's Retry-After", () => {
    expect(backoffDelay(1, () => 0.1, policy, 120_000)).toBe(120_000);
    expect(backoffDelay(9, () => 0.9, policy, 1_000)).toBe(270_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-11-20T08:00:00Z');
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 20 Nov 2025 08:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Thu, 20 Nov 2025 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('sync locks', () => {
  it('runs one piece of work at a time, even after a failure', async () => {
    const lock = inProcessLock();
    const order: string[] = [];
    let releaseFirst!: () => void;
    const first = lock(async () => {
      order.push('first start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      order.push('first end');
      throw new Error('push failed');
    });
    const second = lock(async () => {
      order.push('second');
      return 2;
    });
    await Promise.resolve();
    expect(order).toEqual(['first start']);
    releaseFirst();
    await expect(first).rejects.toThrow('push failed');
    expect(await second).toBe(2);
    expect(order).toEqual(['first start', 'first end', 'second']);
  });

  it("uses the browser's Web Locks under the app's lock name where they exist", async () => {
    const requested: string[] = [];
    const original = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', {
      configurable: true,
      value: {
        locks: {
          request: async <T>(name: string, work: () => Promise<T>) => {
            requested.push(name);
            return work();
          },
        },
      },
    });
    try {
      expect(await webLock()(async () => 'done')).toBe('done');
      expect(requested).toEqual(['bao-cao-cdcs-sync']);
    } finally {
      if (original) Object.defineProperty(globalThis, 'navigator', original);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
});
