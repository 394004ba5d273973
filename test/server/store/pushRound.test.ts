/**
 * A push reads the round of its period in one query (store.findRoundForUnion, part of the push's first
 * batch). It must pick the same round, open or closed, with the same deadline, as the phones' feed does
 * (roundsForUnion, nearest superior first, then roundOfPeriodAndForm), in every shape of the tree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN94_FORM_REF } from '../../../src/domain/forms/reportForm';
import type { ServiceContext } from '../../../src/server/services/context';
import { createNode, createRootNode, createUnion } from '../../../src/server/services/organisation';
import { closeRound, openRound, reopenRoundForUnion, roundOfPeriodAndForm, roundsForUnion } from '../../../src/server/services/rounds';
import { CONSOLE } from '../../../src/server/services/staff';
import { STORE_KINDS, type TestStore, announcePostgresSkip, openTestStore } from '../helpers';

announcePostgresSkip();

const YEARLY_2025 = { year: 2025, kind: 'yearly' } as const;
const round = (title: string, to: string, deadline: string, period: { year: number; kind: string } = YEARLY_2025) => ({
  period,
  title,
  plan: '',
  activities: { from: `${period.year}-01-01`, to },
  deadline,
  // Rounds of 2025, recorded after the fact.
  allowPastDeadline: true,
});

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`the round a push is held to, on ${kind}`, () => {
    let test: TestStore;
    let context: ServiceContext;
    beforeAll(async () => {
      test = await openTestStore(kind);
      context = { store: test.store, now: () => new Date('2025-12-15T03:00:00.000Z') };
    });
    afterAll(() => test?.dispose());

    async function expectSamePick(unionId: string, period: { year: number; kind: 'yearly' | 'interim' } = YEARLY_2025, formId = PLAN94_FORM_REF.id) {
      const fromFeed = roundOfPeriodAndForm(await roundsForUnion(test.store, unionId), period, formId);
      const fromPush = await test.store.findRoundForUnion(unionId, period.year, period.kind, formId);
      expect(fromPush).toEqual(fromFeed);
      return fromPush;
    }

    it('picks what the feed picks: none, the province’s, the nearer node’s, closed, reopened for one union', async () => {
      const province = await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh Tây Ninh' });
      const commune = await createNode(context, CONSOLE, { kind: 'upper_commune', name: 'Công đoàn xã Dương Minh Châu', parentId: province.id });
      const park = await createNode(context, CONSOLE, { kind: 'upper_industrial_park', name: 'Công đoàn Khu công nghiệp Trảng Bàng', parentId: province.id });
      const garment = await createUnion(context, CONSOLE, { name: 'CĐCS Công ty May Tây Ninh', superiorId: commune.id });
      const school = await createUnion(context, CONSOLE, { name: 'CĐCS Trường Mầm non Hoa Sen', superiorId: commune.id });
      const rubber = await createUnion(context, CONSOLE, { name: 'CĐCS Công ty Cao su', superiorId: park.id });
      const direct = await createUnion(context, CONSOLE, { name: 'CĐCS Sở Y tế', superiorId: province.id });

      expect(await expectSamePick(garment.id)).toBeNull();

      const provinceRound = await openRound(context, CONSOLE, province.id, round('Báo cáo năm 2025 (toàn tỉnh)', '2025-12-31', '2025-12-20'));
      for (const union of [garment, rubber, direct]) expect((await expectSamePick(union.id))?.id).toBe(provinceRound.id);

      // The commune's own round wins for its unions; the others keep the province's.
      const communeRound = await openRound(context, CONSOLE, commune.id, round('Báo cáo năm 2025 của xã', '2025-11-30', '2025-12-10'));
      expect(await expectSamePick(garment.id)).toMatchObject({ id: communeRound.id, activities: { to: '2025-11-30' }, closedAt: null });
      expect((await expectSamePick(rubber.id))?.id).toBe(provinceRound.id);
      // Another period's round is not this period's.
      await openRound(context, CONSOLE, commune.id, round('Báo cáo sơ kết', '2025-06-30', '2025-07-10', { year: 2025, kind: 'interim' }));
      expect((await expectSamePick(garment.id, { year: 2025, kind: 'interim' }))?.title).toBe('Báo cáo sơ kết');
      expect(await expectSamePick(rubber.id, { year: 2025, kind: 'interim' })).toBeNull();

      // Closed for all, then reopened for one union with its own deadline.
      await closeRound(context, CONSOLE, communeRound.id);
      expect((await expectSamePick(school.id))?.closedAt).not.toBeNull();
      await reopenRoundForUnion(context, CONSOLE, communeRound.id, { unionId: garment.id, deadline: '2025-12-31' });
      expect(await expectSamePick(garment.id)).toMatchObject({ closedAt: null, deadline: '2025-12-31' });
      expect((await expectSamePick(school.id))?.closedAt).not.toBeNull();
    });
  });
}
