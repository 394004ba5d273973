/**
 * The budget of a form's roll-up that does not depend on the machine (bench/formRollups.ts has the
 * times): SQLite reads the running sums (migration 0023) of each node of the subtree by their primary
 * key, never the values of each counted report.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRootNode, createUnion } from '../../../src/server/services/organisation';
import { CONSOLE } from '../../../src/server/services/staff';
import { formRollupSumsQuery } from '../../../src/server/store/formRollups';
import { randomValues, rollupTestForm, sequence, writeFormReport } from '../formRollupFixtures';
import { openTestStore, type TestStore } from '../helpers';

let testStore: TestStore;
beforeAll(async () => {
  testStore = await openTestStore('sqlite');
});
afterAll(() => testStore?.dispose());

it("reads a roll-up's sums from the running sums by node, never each report's values", async () => {
  const context = { store: testStore.store, now: () => new Date() };
  const province = await createRootNode(context, { kind: 'province', name: 'LĐLĐ tỉnh thử', shortName: '' });
  const form = rollupTestForm('thu-ke-hoach', 20);
  const random = sequence(3);
  for (let i = 0; i < 30; i++) {
    const union = await createUnion(context, CONSOLE, { name: `CĐCS ${randomUUID().slice(0, 8)}`, superiorId: province.id });
    await testStore.store.db.transaction().execute((trx) => writeFormReport(trx, form, { unionId: union.id, superiorId: province.id, values: randomValues(form, random), status: 'ready' }));
  }
  await sql`analyze`.execute(testStore.store.db);
  const node = await testStore.store.findNode(province.id);
  const query = formRollupSumsQuery(node!, { formId: form.id, year: 2025, kind: 'yearly', ratios: [{ code: 'TY_LE_DV', numerator: 'DOAN_VIEN', denominator: 'TONG_LD' }] });
  const plan = (await sql<{ detail: string }>`explain query plan ${query}`.execute(testStore.store.db)).rows.map((row) => row.detail);
  // The running sums only (at most nodes × rows), never the values of each report.
  expect(plan.join('\n')).not.toMatch(/report_values\b|\breports\b/);
  expect(plan.join('\n')).toMatch(/^(SCAN|SEARCH) s\b/m);
});
