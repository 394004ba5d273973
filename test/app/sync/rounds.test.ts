/** Rounds on the phone: kept whole from each pull; a reopening queues the report its closing set aside. */
import { describe, expect, it } from 'vitest';
import { SET_ASIDE, SyncRepository } from '../../../src/app/db/syncRepository';
import { refusalText, syncMessages } from '../../../src/app/features/sync/messages';
import type { ReportingRound } from '../../../src/domain/round';
import type { ApiError } from '../../../src/domain/sync';
import { openFreshStore } from '../db/helpers';

const open: ReportingRound = {
  id: 'round-2026',
  period: { year: 2026, kind: 'yearly' },
  title: 'Báo cáo năm 2026',
  plan: 'Kế hoạch số 12/KH-CĐX',
  activities: { from: '2026-01-01', to: '2026-11-30' },
  deadline: '2026-12-10',
  openedBy: { nodeId: 'node-1', name: 'Công đoàn xã Dương Minh Châu' },
  openedAt: '2026-09-01T02:00:00.000Z',
  closedAt: null,
};
const closed: ReportingRound = { ...open, closedAt: '2026-12-11T03:00:00.000Z' };
const refusal: ApiError = {
  error: 'round_closed',
  message: 'The reporting round is closed.',
  details: { roundId: open.id, title: open.title, closedAt: closed.closedAt },
};

describe('reporting rounds on the device', () => {
  it('says since when a closed round refuses the report, in Vietnamese', () => {
    const text = refusalText(syncMessages('vi'), refusal, (path) => path);
    expect(text).toMatch(/^Kỳ báo cáo đã khoá ngày \d{2}\/12\/2026/);
    expect(text).toContain('mở lại kỳ báo cáo');
    // Before enrolment the superior has no name yet; once known, the sentence names it.
    expect(text).toContain('đề nghị công đoàn cấp trên mở lại');
    expect(refusalText(syncMessages('vi'), refusal, (path) => path, 'Công đoàn xã Dương Minh Châu')).toContain(
      'hãy đề nghị Công đoàn xã Dương Minh Châu mở lại kỳ báo cáo',
    );
  });

  it('keeps the rounds of the last pull, and sends again a report set aside while its round was closed once it is reopened', async () => {
    const store = await openFreshStore();
    try {
      const repository = new SyncRepository(store);
      const report = await store.reports.create({ year: 2026, kind: 'yearly' });
      const entry = (await store.db.outbox.get(report.id))!;
      await repository.setRefusal(report.id, entry.idempotencyKey, refusal);
      expect((await store.db.outbox.get(report.id))!.nextAttemptAt).toBe(SET_ASIDE);

      // Still closed: nothing to send again.
      expect(await repository.saveRounds([closed])).toBe(false);
      expect(await store.settings.get('rounds')).toEqual([closed]);
      expect((await store.db.outbox.get(report.id))!.nextAttemptAt).toBe(SET_ASIDE);

      // Reopened for this union: the refusal goes and the report is due at once.
      expect(await repository.saveRounds([open])).toBe(true);
      expect((await store.db.reports.get(report.id))!.sync.refusal).toBeNull();
      expect((await repository.dueOutbox(Date.now())).map((e) => e.reportId)).toEqual([report.id]);
    } finally {
      store.close();
    }
  });

  it("marks a report ready only when its dates fall within the round's activity dates", async () => {
    const store = await openFreshStore();
    try {
      await new SyncRepository(store).saveRounds([open]);
      const report = await store.reports.create({ year: 2026, kind: 'yearly' });
      const document = { ...report.document, membership: { ...report.document.membership, workers: 100, members: 90 } };
      document.grassrootsDemocracy = { workersConferenceHeld: true, workersConferenceDate: '2026-12-05' };
      await store.reports.save(document);
      await expect(store.reports.markReady(report.id)).rejects.toThrow();
      await store.reports.save({ ...document, grassrootsDemocracy: { workersConferenceHeld: true, workersConferenceDate: '2026-11-05' } });
      expect((await store.reports.markReady(report.id)).status).toBe('ready');
    } finally {
      store.close();
    }
  });
});
