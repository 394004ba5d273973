/** Every rule speaks both languages: Vietnamese with its diacritics first, English second. */
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/app/i18n/messages.en';
import { vi } from '../../../src/app/i18n/messages';
import type { IssueCode } from '../../../src/domain/validation';

const ISSUE_CODES: IssueCode[] = [
  'required',
  'negative',
  'notWholeNumber',
  'membersAboveWorkers',
  'femaleAboveMembers',
  'otherOrganisationsAboveMembers',
  'newMembersAboveMembers',
  'resolvedAboveRaised',
  'complaintsResolvedAboveReceived',
  'dateOutsidePeriod',
  'conferenceDateMissing',
  'admittedAboveIntroduced',
  'memberChangeLarge',
];
const params = { from: '01/01/2024', to: '31/12/2024', previous: '1.000', percent: '25,0 %', direction: 'up' };

describe('issue messages', () => {
  it.each(ISSUE_CODES)('%s reads in Vietnamese and in English', (code) => {
    const vietnamese = vi.issues[code](params);
    const english = en.issues[code](params);
    expect(vietnamese).toMatch(/[àáảãạăâđèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵ]/i);
    expect(english).toMatch(/^[\x20-\x7e“”’–]+$/);
    expect(vietnamese).not.toBe(english);
    expect(vietnamese).not.toMatch(/undefined|NaN/);
  });

  it('names the period and the previous figure where the rule needs them', () => {
    expect(vi.issues.dateOutsidePeriod(params)).toContain('01/01/2024 – 31/12/2024');
    expect(vi.issues.memberChangeLarge(params)).toBe(
      'Số đoàn viên tăng 25,0 % so với kỳ trước (1.000). Hãy giải thích để không tái “ảo”.',
    );
  });

  it('labels every field of the report in both languages', () => {
    expect(Object.keys(en.fields).sort()).toEqual(Object.keys(vi.fields).sort());
  });
});
