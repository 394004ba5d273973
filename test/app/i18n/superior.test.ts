/** How the officer's app names its superior: the name from enrolment and the change feed, else neutral words. */
import { describe, expect, it } from 'vitest';
import { syncMessages } from '../../../src/app/features/syncStatus/messages';
import { vi } from '../../../src/app/i18n/messages';
import { en } from '../../../src/app/i18n/messages.en';
import { sentenceStart, superiorName } from '../../../src/app/i18n/superior';
import type { Superior } from '../../../src/domain/organisation';

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
