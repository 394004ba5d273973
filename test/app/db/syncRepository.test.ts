/**
 * What a pull leaves on the phone besides reports: the union's rounds, kept whole from each pull (a
 * reopening queues the report its closing set aside), and its superior.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalStore } from '../../../src/app/db';
import { SET_ASIDE, SyncRepository } from '../../../src/app/db/syncRepository';
import type { Superior } from '../../../src/domain/organisation';
import { round, roundClosedRefusal } from '../../domain/fixtures';
import { PROVINCE_FORM } from './formFixtures';
import { openFreshStore } from './helpers';

const open = round();
const closed = round({ closedAt: '2026-12-11T03:00:00.000Z' });
const ward: Superior = { id: 'n-1', kind: 'upper_commune', name: 'Công đoàn phường Tân Ninh', shortName: 'CĐ phường Tân Ninh' };

let store: LocalStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

describe('reporting rounds on the device', () => {
  it('keeps the rounds of the last pull, and sends again a report set aside while its round was closed once it is reopened', async () => {
    store = await openFreshStore();
    const repository = new SyncRepository(store);
    const report = await store.reports.create({ year: 2026, kind: 'yearly' });
    const entry = (await store.db.outbox.get(report.id))!;
    await repository.setRefusal(report.id, entry.idempotencyKey, roundClosedRefusal(closed));
    expect((await store.db.outbox.get(report.id))!.nextAttemptAt).toBe(SET_ASIDE);

    // Still closed: nothing to send again.
    expect(await repository.saveRounds([closed])).toBe(false);
    expect(await store.settings.get('rounds')).toEqual([closed]);
    expect((await store.db.outbox.get(report.id))!.nextAttemptAt).toBe(SET_ASIDE);

    // Reopened for this union: the refusal goes and the report is due at once.
    expect(await repository.saveRounds([open])).toBe(true);
    expect((await store.db.reports.get(report.id))!.sync.refusal).toBeNull();
    expect((await repository.dueOutbox(Date.now())).map((e) => e.reportId)).toEqual([report.id]);
  });

  it("marks a report ready only when its dates fall within the round's activity dates", async () => {
    store = await openFreshStore();
    await new SyncRepository(store).saveRounds([open]);
    const report = await store.reports.create({ year: 2026, kind: 'yearly' });
    const document = { ...report.document, membership: { ...report.document.membership, workers: 100, members: 90 } };
    document.grassrootsDemocracy = { workersConferenceHeld: true, workersConferenceDate: '2026-12-05' };
    await store.reports.save(document);
    await expect(store.reports.markReady(report.id)).rejects.toThrow();
    await store.reports.save({ ...document, grassrootsDemocracy: { workersConferenceHeld: true, workersConferenceDate: '2026-11-05' } });
    expect((await store.reports.markReady(report.id)).status).toBe('ready');
  });
});

describe('where the device keeps its superior', () => {
  it('keeps the superior the change feed names, replaces it on a rename or a move, and forgets it when the server names none', async () => {
    store = await openFreshStore();
    const repository = new SyncRepository(store);
    const seen: (string | null)[] = [];
    const stop = store.settings.watch('superior', (value) => seen.push(value?.name ?? null));
    await repository.saveSuperior(ward);
    expect(await store.settings.get('superior')).toEqual(ward);
    await repository.saveSuperior({ ...ward, name: 'Công đoàn phường Tân Ninh mới' });
    expect((await store.settings.get('superior'))?.name).toBe('Công đoàn phường Tân Ninh mới');
    await repository.saveSuperior(null);
    expect(await store.settings.get('superior')).toBeUndefined();
    await expect.poll(() => seen.at(-1)).toBeNull();
    expect(seen).toContain('Công đoàn phường Tân Ninh mới');
    stop();
  });
});

describe('forms from the change feed (issue 22)', () => {
  it('keeps the forms the rounds name, and a round keeps its form', async () => {
    store = await openFreshStore();
    const repository = new SyncRepository(store);
    const broken = { ...PROVINCE_FORM, id: 'hong', sections: [] };
    await repository.saveForms([PROVINCE_FORM, broken as never]);
    const withForm = round({ form: { id: PROVINCE_FORM.id, version: PROVINCE_FORM.version } });
    await repository.saveRounds([withForm]);
    expect(await store.forms.get({ id: PROVINCE_FORM.id, version: PROVINCE_FORM.version })).toEqual(PROVINCE_FORM);
    // A definition the code cannot read is left out, not stored to break the editor.
    expect(await store.forms.get({ id: 'hong', version: PROVINCE_FORM.version })).toBeNull();
    expect((await store.settings.get('rounds'))?.[0]?.form).toEqual({ id: PROVINCE_FORM.id, version: PROVINCE_FORM.version });
  });
});
