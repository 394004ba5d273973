import { describe, expect, it } from 'vitest';
import { groupEnrolmentCode, maskedEnrolmentCode, parseCodeOption } from '../../../src/app/staff/enrolmentCode';

describe('an enrolment code on the staff’s list', () => {
  it('shows the last characters the server keeps, the rest as dots, grouped as the code is', () => {
    expect(maskedEnrolmentCode('XP')).toBe('••••-••XP');
    expect(maskedEnrolmentCode('xp')).toBe('••••-••XP');
    expect(maskedEnrolmentCode(null)).toBe('••••-••••');
    // As long as a code read out: the same shape as groupEnrolmentCode's.
    expect(maskedEnrolmentCode('XP').length).toBe(groupEnrolmentCode('K7QFM2XP').length);
  });
});

describe('the number of phones or days typed when issuing a code', () => {
  const phones = { min: 1, max: 20 };
  it('is a whole number within the limits', () => {
    expect(parseCodeOption('2', phones)).toBe(2);
    expect(parseCodeOption(' 20 ', phones)).toBe(20);
    expect(parseCodeOption('1', phones)).toBe(1);
  });

  it('is nothing for what is out of the limits, empty, or not a whole number', () => {
    for (const typed of ['0', '21', '', ' ', '2,5', '2.5', '-1', '1e1', 'hai', '0x2']) expect(parseCodeOption(typed, phones)).toBeNull();
  });
});
