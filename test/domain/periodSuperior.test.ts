/**
 * Issue 21: a period stays with the superior the CĐCS reported to when the period fell due; a move
 * after that day does not hand it to the new superior, a move on or before it does.
 */
import { describe, expect, it } from 'vitest';
import { periodDueDate, superiorForPeriod } from '../../src/domain/periodSuperior';

describe('the superior a CĐCS belonged to for a period', () => {
  const ward = 'phuong-an-tinh';
  const park = 'kcn-phuoc-dong';
  const sector = 'nganh-giao-duc';

  it('falls due on the round’s deadline, else on the default deadline', () => {
    expect(periodDueDate({ year: 2025, kind: 'yearly' }, { deadline: '2025-12-15' })).toBe('2025-12-15');
    expect(periodDueDate({ year: 2025, kind: 'yearly' }, null)).toBe('2025-11-30');
  });

  it('keeps a period that fell due before the move with the old superior', () => {
    const moves = [{ fromId: ward, effectiveDate: '2026-01-01' }];
    expect(superiorForPeriod(park, moves, '2025-11-30')).toBe(ward);
  });

  it('gives a period due on or after the move’s effective date to the new superior', () => {
    const moves = [{ fromId: ward, effectiveDate: '2026-01-01' }];
    expect(superiorForPeriod(park, moves, '2026-11-30')).toBe(park);
    expect(superiorForPeriod(park, moves, '2026-01-01')).toBe(park);
  });

  it('follows several moves: each period goes to the superior the union had on its due date', () => {
    const moves = [
      { fromId: null, effectiveDate: '2021-01-01' },
      { fromId: ward, effectiveDate: '2024-03-01' },
      { fromId: park, effectiveDate: '2025-12-20' },
    ];
    expect(superiorForPeriod(sector, moves, '2023-11-30')).toBe(ward);
    expect(superiorForPeriod(sector, moves, '2024-11-30')).toBe(park);
    expect(superiorForPeriod(sector, moves, '2025-11-30')).toBe(park);
    expect(superiorForPeriod(sector, moves, '2026-11-30')).toBe(sector);
  });

  it('gives the periods before a first placement to the first superior', () => {
    expect(superiorForPeriod(ward, [{ fromId: null, effectiveDate: '2026-05-01' }], '2025-11-30')).toBe(ward);
  });
});
