/** How the officer's app names its superior: the name from enrolment and the change feed, else neutral words. */
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalStore } from '../../../src/app/db';
import { SyncRepository } from '../../../src/app/db/syncRepository';
import { en } from '../../../src/app/i18n/en';
import { sentenceStart, superiorName } from '../../../src/app/i18n/superior';
import { vi } from '../../../src/app/i18n/vi';
import { syncMessages } from '../../../src/app/features/sync/messages';
import type { Superior } from '../../../src/domain/organisation';
import { openFreshStore } from '../db/helpers';

const ward: Superior = { id: 'n-1', kind: 'upper_commune', name: 'Công đoàn phường Tân Ninh', shortName: 'CĐ phường Tân Ninh' };

describe("the superior's name in the officer's sentences", () => {
  it('is the official name the server gave', () => {
    expect(superiorName(ward, vi.superior.fallback)).toBe('Công đoàn phường Tân Ninh');
    expect(syncMessages('vi').sentTo(superiorName(ward, vi.superior.fallback))).toBe('Đã gửi Công đoàn phường Tân Ninh');
  });

  it('is "công đoàn cấp trên" before enrolment, or when the server names none (never a fixed LĐLĐ huyện)', () => {
    expect(superiorName(null, vi.superior.fallback)).toBe('công đoàn cấp trên');
    expect(superiorName(undefined, en.superior.fallback)).toBe('your upper-level union');
    expect(superiorName({ name: '  ' }, vi.superior.fallback)).toBe('công đoàn cấp trên');
    expect(syncMessages('vi').acceptedBy('công đoàn cấp trên')).toBe('Công đoàn cấp trên đã chấp nhận báo cáo này, nên không sửa được nữa.');
    expect(vi.superior.acceptedBanner('công đoàn cấp trên')).toBe('Báo cáo đã được công đoàn cấp trên chấp nhận; không sửa được nữa.');
  });

  it('starts a sentence with a capital letter, Vietnamese letters included', () => {
    expect(sentenceStart('công đoàn cấp trên')).toBe('Công đoàn cấp trên');
    expect(sentenceStart('đoàn')).toBe('Đoàn');
  });
});

describe('where the device keeps its superior', () => {
  let store: LocalStore | null = null;
  afterEach(() => {
    store?.close();
    store = null;
  });

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
