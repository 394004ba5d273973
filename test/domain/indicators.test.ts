import { describe, expect, it } from 'vitest';
import { meetsUnionizationTarget, memberChangeRatio, unionizationRate } from '../../src/domain/indicators';
import { formatRate } from '../../src/app/i18n/format';

/** What the officer reads: the figure and the verdict, exactly as the editor shows them. */
function shown(members: number | null, workers: number | null): [string, boolean | null] {
  const rate = unionizationRate(members, workers);
  return [formatRate(rate), meetsUnionizationTarget(rate)];
}

describe('unionization rate', () => {
  it('shows 85,3 % and Đạt for 1.053 members of 1.234 workers', () => {
    expect(shown(1053, 1234)).toEqual(['85,3 %', true]);
  });

  it('gives no rate for zero workers: "—", never NaN or Infinity', () => {
    expect(unionizationRate(0, 0)).toBeNull();
    expect(unionizationRate(5, 0)).toBeNull();
    expect(shown(0, 0)).toEqual(['—', null]);
  });

  it('gives no rate while a count is missing or negative', () => {
    expect(unionizationRate(null, 100)).toBeNull();
    expect(unionizationRate(80, null)).toBeNull();
    expect(unionizationRate(-1, 100)).toBeNull();
    expect(unionizationRate(10, -100)).toBeNull();
  });

  it('meets the target at exactly 80,0 %', () => {
    expect(shown(80, 100)).toEqual(['80,0 %', true]);
  });

  it('rounds 79,96 % to 80,0 % and then reads Đạt, so figure and verdict agree', () => {
    expect(shown(7996, 10000)).toEqual(['80,0 %', true]);
  });

  it('reads Chưa đạt at 79,9 %', () => {
    expect(shown(799, 1000)).toEqual(['79,9 %', false]);
  });

  it('can exceed 100 % when members outnumber workers (the rules flag it separately)', () => {
    expect(shown(120, 100)).toEqual(['120,0 %', true]);
  });
});

describe('member change ratio', () => {
  it('compares with the previous period, or not at all without one', () => {
    expect(memberChangeRatio(125, 100)).toBeCloseTo(0.25);
    expect(memberChangeRatio(75, 100)).toBeCloseTo(-0.25);
    expect(memberChangeRatio(75, null)).toBeNull();
    expect(memberChangeRatio(75, 0)).toBeNull();
  });
});
