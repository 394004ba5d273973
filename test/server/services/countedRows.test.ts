/**
 * The counted rows a push keeps for the next push of the same report (services/countedRows.ts): per store,
 * the newest revision only, bounded. That the sums stay true with them is tested on both stores in
 * ../store/reportValueSums.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { KEPT_REPORTS, keepCountedRows, keptCountedRows } from '../../../src/server/services/countedRows';
import type { Store } from '../../../src/server/store/store';

const storeA = {} as Store;
const storeB = {} as Store;
const entry = (revision: number) => ({ revision, rows: [] });

describe('counted rows kept between pushes', () => {
  it('keeps the newest revision of a report, per store, and forgets a report no longer counted', () => {
    keepCountedRows(storeA, 'r1', entry(1));
    keepCountedRows(storeA, 'r1', entry(2));
    expect(keptCountedRows(storeA, 'r1')?.revision).toBe(2);
    expect(keptCountedRows(storeB, 'r1')).toBeUndefined();
    keepCountedRows(storeA, 'r1', null);
    expect(keptCountedRows(storeA, 'r1')).toBeUndefined();
  });

  it(`holds at most ${KEPT_REPORTS} reports, dropping the one kept longest ago`, () => {
    const store = {} as Store;
    for (let i = 0; i < KEPT_REPORTS; i++) keepCountedRows(store, `r${i}`, entry(1));
    keepCountedRows(store, 'r0', entry(2)); // kept again: now the newest
    keepCountedRows(store, 'new', entry(1));
    expect(keptCountedRows(store, 'r0')?.revision).toBe(2);
    expect(keptCountedRows(store, 'r1')).toBeUndefined();
    expect(keptCountedRows(store, 'new')?.revision).toBe(1);
    expect(keptCountedRows(store, `r${KEPT_REPORTS - 1}`)?.revision).toBe(1);
  });
});
