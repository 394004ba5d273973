/** When the editor lets the officer change a report: never once the district accepted it. */
import { describe, expect, it } from 'vitest';
import { editLock } from '../../../src/app/features/reports/editLock';
import type { ReviewDecision } from '../../../src/domain/sync';

const decided = (status: ReviewDecision['status']): { review: ReviewDecision } => ({
  review: { status, comment: status === 'returned' ? 'Bổ sung số đoàn viên nữ' : '', decidedAt: '2025-11-01T00:00:00Z' },
});

describe('editLock', () => {
  it('lets a draft be edited, and a ready report only after reopening', () => {
    expect(editLock('draft', { review: null })).toBe('editable');
    expect(editLock('ready', { review: null })).toBe('ready');
  });

  it('keeps a returned report like any other: ready until reopened, then editable', () => {
    expect(editLock('ready', decided('returned'))).toBe('ready');
    expect(editLock('draft', decided('returned'))).toBe('editable');
  });

  it('makes an accepted report final, even if it was reopened on this phone before the decision arrived', () => {
    expect(editLock('ready', decided('accepted'))).toBe('accepted');
    expect(editLock('draft', decided('accepted'))).toBe('accepted');
  });
});
