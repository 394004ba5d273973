/**
 * The roll-up of a report form in SQL (store/formRollups.ts, services/formRollups.ts) equals the
 * domain's reference (domain/forms/rollup.ts rollUpForm) over the same values, on both stores: random
 * trees of nodes and CĐCS, random reports (drafts, sent, returned, accepted while a draft again, of
 * another form or year), for the node's total and every direct child's column.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormValues } from '../../../src/domain/forms/definition';
import { rollUpForm } from '../../../src/domain/forms/rollup';
import { createNode, createRootNode, createUnion } from '../../../src/server/services/organisation';
import { formRollup } from '../../../src/server/services/formRollups';
import { CONSOLE } from '../../../src/server/services/staff';
import { randomValues, rollupTestForm, sequence, storeTestForm, writeFormReport } from '../formRollupFixtures';
import { announcePostgresSkip, openTestStore, STORE_KINDS, type TestStore } from '../helpers';

announcePostgresSkip();

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`a form's roll-up in SQL on ${kind}`, () => {
    let testStore: TestStore;
    beforeAll(async () => {
      testStore = await openTestStore(kind);
    });
    afterAll(async () => {
      await testStore?.dispose();
    });

    for (const seed of [1, 2, 3]) {
      it(`equals rollUpForm over the same values, column by column (seed ${seed})`, async () => {
        const random = sequence(seed * 7919);
        const context = { store: testStore.store, now: () => new Date('2025-12-05T00:00:00.000Z') };
        const province = await createRootNode(context, { kind: 'province', name: `LĐLĐ tỉnh thử ${seed}`, shortName: '' });
        const communes: Awaited<ReturnType<typeof createNode>>[] = [];
        for (const name of ['Công đoàn xã Bến Củi', 'Công đoàn phường An Tịnh', 'Công đoàn phường Đông Hoà'])
          communes.push(await createNode(context, CONSOLE, { parentId: province.id, kind: 'upper_commune', name: `${name} ${seed}` }));
        // A node two levels down: its reports belong to its parent's column.
        const below = await createNode(context, CONSOLE, { parentId: (communes[1] as { id: string }).id, kind: 'upper_other', name: `Công đoàn ngành ${seed}` });
        const superiors = [{ id: province.id, column: -1 }, ...communes.map((commune, index) => ({ id: commune.id, column: index })), { id: below.id, column: 1 }];

        const form = rollupTestForm(`thu-tong-hop-${seed}`, 12);
        const otherForm = rollupTestForm(`bieu-khac-${seed}`, 12);
        await storeTestForm(testStore.store, form, province.id);

        // What the reference sees: the values of the counted reports, per column (-1: under the province itself).
        const counted = new Map<number, FormValues[]>();
        const expected = new Map<number, { expected: number; reported: number }>();
        const unionCount = 40 + Math.floor(random() * 20);
        for (let i = 0; i < unionCount; i++) {
          const superior = superiors[Math.floor(random() * superiors.length)] as { id: string; column: number };
          const union = await createUnion(context, CONSOLE, { name: `CĐCS thử ${seed}-${i}`, superiorId: superior.id });
          const tally = expected.get(superior.column) ?? { expected: 0, reported: 0 };
          tally.expected += 1;
          expected.set(superior.column, tally);
          const roll = random();
          const values = randomValues(form, random);
          await testStore.store.db.transaction().execute(async (trx) => {
            // Never counted: a report of another form, of another year.
            if (random() < 0.3) await writeFormReport(trx, otherForm, { unionId: union.id, superiorId: superior.id, values: randomValues(otherForm, random), status: 'ready' });
            if (random() < 0.3) await writeFormReport(trx, form, { unionId: union.id, superiorId: superior.id, values: randomValues(form, random), status: 'ready', year: 2024 });
            if (roll < 0.15) return; // no report
            if (roll < 0.3) {
              await writeFormReport(trx, form, { unionId: union.id, superiorId: null, values, status: 'draft' });
              return;
            }
            const review = roll < 0.45 ? ('returned' as const) : roll < 0.6 ? ('accepted' as const) : roll < 0.65 ? ('withdrawn' as const) : undefined;
            // A report a reviewer decided on counts even when the CĐCS has made it a draft again (as the overviews count it).
            const status = review && random() < 0.3 ? 'draft' : 'ready';
            await writeFormReport(trx, form, { unionId: union.id, superiorId: superior.id, values, status, ...(review ? { review } : {}) });
          });
          if (roll >= 0.3) {
            tally.reported += 1;
            counted.set(superior.column, [...(counted.get(superior.column) ?? []), values]);
          }
        }

        const rollup = await formRollup(context, CONSOLE, province.id, form.id, { year: '2025', kind: 'yearly' });
        expect(rollup.form).toEqual(form);
        expect(rollup.columns.map((column) => column.name)).toEqual([province.name, ...communes.map((commune) => commune.name)].sort((a, b) => (a === province.name ? -1 : b === province.name ? 1 : a.localeCompare(b, 'vi'))));
        const columnOf = (name: string) => communes.findIndex((commune) => commune.name === name);
        rollup.columns.forEach((column, index) => {
          const own = index === 0 ? [...counted.values()].flat() : (counted.get(columnOf(column.name)) ?? []);
          const tally = index === 0 ? [...expected.values()].reduce((a, b) => ({ expected: a.expected + b.expected, reported: a.reported + b.reported }), { expected: 0, reported: 0 }) : (expected.get(columnOf(column.name)) ?? { expected: 0, reported: 0 });
          expect({ expected: column.expected, reported: column.reported }).toEqual(tally);
          const reference = rollUpForm(form, own);
          for (const [rowIndex, result] of rollup.rows.map((row) => row.values[index]).entries()) {
            const wanted = reference[rowIndex];
            if (form.sections.flatMap((section) => (section.kind === 'rows' ? section.rows : []))[rowIndex]?.rollUp.kind === 'none') {
              // Texts are not in report_values: no figure, nobody counted.
              expect(result).toEqual({ code: wanted?.code, value: null, reported: 0 });
              continue;
            }
            expect(result, `${column.name} ${wanted?.code}`).toEqual(wanted);
          }
        });
        expect(rollup.rows.map((row) => row.code)).toEqual(rollUpForm(form, []).map((row) => row.code));
        // Not a comparison of empty roll-ups: the total has figures of every kind.
        const total = Object.fromEntries(rollup.rows.map((row) => [row.code, row.values[0]]));
        for (const code of ['TONG_LD', 'TY_LE_DV', 'LUONG_TB', 'CHI_TIEU_8']) expect(total[code]?.value, code).toEqual(expect.any(Number));
      });
    }

    it('answers an empty roll-up (every figure null) for a period nobody reported', async () => {
      const context = { store: testStore.store, now: () => new Date() };
      const province = await createRootNode(context, { kind: 'province', name: `LĐLĐ tỉnh trống ${randomUUID().slice(0, 6)}`, shortName: '' });
      const form = rollupTestForm('thu-trong', 8);
      await storeTestForm(testStore.store, form, province.id);
      await createUnion(context, CONSOLE, { name: 'CĐCS chưa báo cáo', superiorId: province.id });
      const rollup = await formRollup(context, CONSOLE, province.id, form.id, { year: '2025', kind: 'yearly' });
      expect(rollup.columns).toEqual([{ nodeId: province.id, name: province.name, expected: 1, reported: 0 }]);
      expect(rollup.rows.every((row) => row.values.every((value) => value.value === null && value.reported === 0))).toBe(true);
    });
  });
}
