/** An edit must wake the sync engine: the outbox watch sees the new entry, in this tab or another. */
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../src/app/db';
import { SET_ASIDE, SyncRepository } from '../../../src/app/db/syncRepository';
import { hasNewEdit } from '../../../src/app/sync/browser';
import { openFreshStore } from '../db/helpers';

describe('the outbox watch', () => {
  it('reports a new entry when the officer creates and edits a report', async () => {
    const store = await openFreshStore();
    const repository = new SyncRepository(store);
    const seen: OutboxEntry[][] = [];
    let notify: (() => void) | null = null;
    const stop = repository.watchOutbox((entries) => {
      seen.push(entries);
      notify?.();
    });
    const next = () => new Promise<void>((resolve) => (notify = resolve));
    try {
      await next(); // the first answer: the outbox as it is (empty)
      expect(seen.at(-1)).toEqual([]);

      const created = next();
      const report = await store.reports.create({ year: 2025, kind: 'yearly' });
      await created;
      const afterCreate = seen.at(-1)!;
      expect(afterCreate.map((e) => e.reportId)).toEqual([report.id]);

      const edited = next();
      await store.reports.save({ ...report.document, proposals: { text: 'Kiến nghị' } });
      await edited;
      const afterEdit = seen.at(-1)!;
      expect(afterEdit[0]!.idempotencyKey).not.toBe(afterCreate[0]!.idempotencyKey);
      expect(hasNewEdit(new Set(afterCreate.map((e) => e.idempotencyKey)), afterEdit, Date.now())).toBe(true);
    } finally {
      stop();
      store.close();
    }
  });

  it('does not count entries already seen, or set aside after a refusal, as new edits', () => {
    const entry: OutboxEntry = { reportId: 'r1', queuedAt: '2025-11-20T08:00:00.000Z', attempts: 0, nextAttemptAt: 0, idempotencyKey: 'k1' };
    expect(hasNewEdit(new Set(['k1']), [entry], Date.now())).toBe(false);
    expect(hasNewEdit(new Set(), [{ ...entry, nextAttemptAt: SET_ASIDE }], Date.now())).toBe(false);
    expect(hasNewEdit(new Set(), [entry], Date.now())).toBe(true);
  });
});
