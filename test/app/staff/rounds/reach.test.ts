import { describe, expect, it } from 'vitest';
import type { UnionReach } from '../../../../src/domain/notifications';
import { formatDaysBefore, parseDaysBefore, unionsToCall } from '../../../../src/app/staff/rounds/reach';

function union(name: string, fields: Partial<UnionReach>): UnionReach {
  return { unionId: name, name, code: name.slice(0, 3), sent: false, reach: 'never', lastSyncAt: null, devices: 0, ...fields };
}

describe('the CĐCS the superior should call', () => {
  it('are those that have not sent and that no push reaches, the longest silent first', () => {
    const unions = [
      union('Reached', { reach: 'subscribed', lastSyncAt: '2026-11-01T00:00:00Z', devices: 1 }),
      union('Sent', { sent: true, reach: 'refused' }),
      union('Recent', { reach: 'expired', lastSyncAt: '2026-11-20T00:00:00Z', devices: 1 }),
      union('Old', { reach: 'off', lastSyncAt: '2026-10-01T00:00:00Z', devices: 2 }),
      union('Bình', { reach: 'never' }),
      union('An', { reach: 'refused' }),
    ];
    expect(unionsToCall(unions).map((u) => u.name)).toEqual(['An', 'Bình', 'Old', 'Recent']);
  });
});

describe('the reminder days as a reviewer types them', () => {
  it('reads commas or spaces, each day once, latest first', () => {
    expect(parseDaysBefore('7, 3, 1')).toEqual([7, 3, 1]);
    expect(parseDaysBefore(' 1 3  7 ')).toEqual([7, 3, 1]);
    expect(parseDaysBefore('3,3;30')).toEqual([30, 3]);
    expect(parseDaysBefore('')).toEqual([]);
    expect(formatDaysBefore([7, 3, 1])).toBe('7, 3, 1');
  });

  it('refuses what the server would: not a whole number of days from 1 to 30, or more than five reminders', () => {
    for (const text of ['7, -1', '0', '2.5', 'bảy', '31', '1,2,3,4,5,6', '100']) expect(parseDaysBefore(text), text).toBeNull();
    expect(parseDaysBefore('30')).toEqual([30]);
    expect(parseDaysBefore('1,2,3,4,5')).toEqual([5, 4, 3, 2, 1]);
  });
});
