import { describe, expect, it } from 'vitest';
import { defaultComparison, groupRevisions } from '../../../../src/app/staff/revisions/comparison';
import type { ReviewDecisionEntry, RevisionSummary } from '../../../../src/domain/staff';

/** A report's kept revisions: `d` a draft (autosave), `r` a send (marked ready), numbered from 1. */
function revisions(pattern: string): RevisionSummary[] {
  return [...pattern].map((kind, index) => ({
    revision: index + 1,
    status: kind === 'r' ? 'ready' : 'draft',
    deviceId: 'd1',
    deviceName: 'Điện thoại chị Lan',
    savedAt: `2025-11-0${Math.min(index + 1, 9)}T08:00:00.000Z`,
  }));
}

function decision(status: ReviewDecisionEntry['status'], revision: number | null, decidedAt = '2025-11-10T08:00:00.000Z'): ReviewDecisionEntry {
  return { status, comment: status === 'accepted' ? '' : 'Bổ sung số liệu.', decidedAt, revision: revision === null ? null : String(revision), decidedBy: null };
}

describe('the sends and the drafts of a report', () => {
  it('counts only the revisions marked ready as sends, numbered in order, and keeps the autosaves apart', () => {
    // One send after four autosaves, a return, five autosaves while fixing, and the send again: two sends, not ten.
    const { sends, drafts } = groupRevisions(revisions('ddddrdddddr'));
    expect(sends.map((send) => [send.send, send.revision])).toEqual([
      [1, 5],
      [2, 11],
    ]);
    expect(drafts.map((draft) => draft.revision)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10]);
  });
});

describe('the comparison the review opens on', () => {
  it('compares the returned revision with the latest send, not the last two autosaves', () => {
    expect(defaultComparison(revisions('ddddrdddddr'), [decision('returned', 5)])).toMatchObject({ from: 5, to: 11, basis: 'decision' });
  });

  it('compares the last two sends when nothing was decided', () => {
    expect(defaultComparison(revisions('drddrdd'), [])).toEqual({ from: 2, to: 5, basis: 'sends' });
  });

  it('after an acceptance of the latest send, shows what changed for it since the decision before', () => {
    const decisions = [decision('returned', 2, '2025-11-03T08:00:00.000Z'), decision('accepted', 6, '2025-11-09T08:00:00.000Z')];
    expect(defaultComparison(revisions('drdddr'), decisions)).toMatchObject({ from: 2, to: 6, basis: 'decision', decision: decisions[0] });
  });

  it('after an acceptance is withdrawn, still compares with the last decision on content', () => {
    const decisions = [decision('returned', 2, '2025-11-03T08:00:00.000Z'), decision('accepted', 6, '2025-11-09T08:00:00.000Z'), decision('withdrawn', 6, '2025-11-09T09:00:00.000Z')];
    expect(defaultComparison(revisions('drdddr'), decisions)).toMatchObject({ from: 2, to: 6, basis: 'decision' });
  });

  it('a decision on an earlier send wins over the send just before the latest', () => {
    const decisions = [decision('returned', 2)];
    expect(defaultComparison(revisions('drrdr'), decisions)).toMatchObject({ from: 2, to: 5, basis: 'decision' });
  });

  it('skips decisions whose revision is not known or not kept', () => {
    expect(defaultComparison(revisions('drdr'), [decision('returned', null)])).toEqual({ from: 2, to: 4, basis: 'sends' });
  });

  it('has nothing to compare for a report sent once, and compares the last two drafts of one never sent', () => {
    expect(defaultComparison(revisions('dddr'), [])).toBeNull();
    expect(defaultComparison(revisions('r'), [])).toBeNull();
    expect(defaultComparison(revisions('ddd'), [])).toEqual({ from: 2, to: 3, basis: 'drafts' });
    expect(defaultComparison(revisions('d'), [])).toBeNull();
  });
});
