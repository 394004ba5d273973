import { describe, expect, it } from 'vitest';
import { groupEnrolmentCode } from '../../../src/app/staff/enrolmentCode';
import { overviewTotals, filterUnions, NO_FILTERS } from '../../../src/app/staff/overview';
import { union } from './fixtures';

const reached = union({ name: 'A', standing: 'sent', workers: 100, members: 80, dialogueSessions: 3 }); // 80,0 %: Đạt
const below = union({ name: 'B', standing: 'accepted', workers: 1000, members: 799, dialogueSessions: 1 }); // 79,9 %: Chưa đạt
const draftBelow = union({ name: 'C', standing: 'draft', workers: 10, members: 1, dialogueSessions: 9 });
const missing = union({ name: 'D', standing: 'missing' });
const all = [reached, below, draftBelow, missing];

describe('the overview filters', () => {
  it('shows every union without a filter', () => {
    expect(filterUnions(all, NO_FILTERS)).toEqual(all);
  });

  it('"Chưa đạt 80 %" keeps the unions whose rate misses the target; 80,0 % is reached', () => {
    expect(filterUnions(all, { belowTarget: true, notReported: false }).map((u) => u.name)).toEqual(['B', 'C']);
  });

  it('"Chưa báo cáo" keeps the unions with no report or only a draft', () => {
    expect(filterUnions(all, { belowTarget: false, notReported: true }).map((u) => u.name)).toEqual(['C', 'D']);
  });

  it('both filters keep the unions that match both', () => {
    expect(filterUnions(all, { belowTarget: true, notReported: true }).map((u) => u.name)).toEqual(['C']);
  });
});

describe("the node's totals row", () => {
  it('sums workers, members and dialogue sessions of the unions that sent their report, and rates the node from the sums', () => {
    const totals = overviewTotals(all);
    expect(totals).toEqual({ unions: 4, workers: 1100, members: 879, rate: 879 / 1100, meetsTarget: false, dialogues: 4 });
  });

  it('has no rate when nobody has reported', () => {
    expect(overviewTotals([missing, draftBelow])).toMatchObject({ workers: 0, members: 0, rate: null, meetsTarget: null });
  });
});

describe("an enrolment code as the superior's staff read it out", () => {
  it('is grouped by four in upper case', () => {
    expect(groupEnrolmentCode('k7qfm2xp')).toBe('K7QF-M2XP');
    expect(groupEnrolmentCode('K7QF-M2XP')).toBe('K7QF-M2XP');
  });
});
