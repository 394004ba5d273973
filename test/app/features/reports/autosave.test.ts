import { afterEach, describe, expect, it } from 'vitest';
import { StorageFullError, flushPendingWrites, hasPendingWrites, registerPendingWriteSource, type LocalStore } from '../../../../src/app/db';
import { AutosaveQueue, type AutosaveState } from '../../../../src/app/features/reports/useAutosave';
import type { ReportDocument } from '../../../../src/domain/report';
import { openFreshStore } from '../../db/helpers';

let store: LocalStore;
afterEach(() => store?.close());

function queueOn(save: (d: ReportDocument) => Promise<ReportDocument>) {
  const states: AutosaveState[] = [];
  const saved: ReportDocument[] = [];
  const queue = new AutosaveQueue({ save, onSaved: (d) => saved.push(d), onState: (s) => states.push(s) });
  return { queue, states, saved };
}

describe('autosave queue on the real database', () => {
  it('turns ten quick edits into one commit of the last one, and one outbox entry', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    let saves = 0;
    const { queue, states, saved } = queueOn((d) => {
      saves++;
      return store.reports.save(d);
    });
    for (let members = 1; members <= 10; members++)
      queue.schedule({ ...created.document, membership: { ...created.document.membership, members } });
    expect(queue.hasPendingWrites).toBe(true);
    await queue.flush();
    queue.dispose();
    expect(saves).toBe(1);
    expect(saved[0]?.membership.members).toBe(10);
    expect((await store.reports.get(created.id))?.document.membership.members).toBe(10);
    expect(await store.db.outbox.count()).toBe(1);
    expect(states.at(-1)).toMatchObject({ phase: 'saved' });
    expect(queue.hasPendingWrites).toBe(false);
  });

  it('goes from pending straight to saved: no redraw of the editor while the save commits', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    const { queue, states } = queueOn((d) => store.reports.save(d));
    queue.schedule({ ...created.document, proposals: { text: 'một chữ' } });
    await queue.flush();
    queue.dispose();
    expect(states.map((state) => state.phase)).toEqual(['pending', 'saved']);
  });

  it('keeps an edit the disk refused, says so, and commits it once there is room', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    let diskFull = true;
    const { queue, states } = queueOn((d) => (diskFull ? Promise.reject(new StorageFullError()) : store.reports.save(d)));
    queue.schedule({ ...created.document, proposals: { text: 'Đề xuất quan trọng' } });
    await expect(queue.flush()).rejects.toBeInstanceOf(StorageFullError);
    expect(states.at(-1)).toEqual({ phase: 'failed', reason: 'storageFull' });
    expect(queue.hasPendingWrites).toBe(true);
    diskFull = false;
    await queue.flush();
    queue.dispose();
    expect((await store.reports.get(created.id))?.document.proposals.text).toBe('Đề xuất quan trọng');
  });

  it('lets an update prompt see unsaved edits and flush them first', async () => {
    store = await openFreshStore();
    const created = await store.reports.create({ year: 2024, kind: 'yearly' });
    const { queue } = queueOn((d) => store.reports.save(d));
    const unregister = registerPendingWriteSource({ hasPendingWrites: () => queue.hasPendingWrites, flush: () => queue.flush() });
    expect(hasPendingWrites()).toBe(false);
    queue.schedule({ ...created.document, proposals: { text: 'gõ dở' } });
    expect(hasPendingWrites()).toBe(true);
    await flushPendingWrites();
    expect(hasPendingWrites()).toBe(false);
    expect((await store.reports.get(created.id))?.document.proposals.text).toBe('gõ dở');
    unregister();
    queue.dispose();
  });
});
