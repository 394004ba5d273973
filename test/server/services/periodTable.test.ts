/**
 * The paged period table (issue 22) on both stores: every CĐCS exactly once across the pages in each
 * sort and direction (ties broken by name, then id), the filters and the search in SQL with the totals
 * row over everything they keep, the form the reports are counted for, and the refusals: another
 * subtree's node is 404, a page larger than the maximum 400 `limit_too_large`, a foreign cursor 400.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyReport } from '../../../src/domain/report';
import { PERIOD_TABLE_MAX_LIMIT, PERIOD_TABLE_SORTS, type PeriodTablePage } from '../../../src/domain/periodTable';
import type { UnionOverview } from '../../../src/domain/staff';
import type { ReviewDecision } from '../../../src/domain/sync';
import { announcePostgresSkip, api, expectApiError, PAST_ROUND, startTestServer, STORE_KINDS, twoCommunes, type TestServer, type TwoCommunes } from '../helpers';

announcePostgresSkip();

const AT = '2025-12-01T00:00:00.000Z';
const NAMES = ['CĐCS Công ty Điện tử Trảng Bàng', 'CĐCS Công ty May An Tịnh', 'CĐCS Ăn uống Số 2', 'CĐCS Trường Dân lập', 'cđcs công ty may an tịnh'];

interface Seeded {
  /** Every union of commune A's table, with what the test expects of it. */
  unions: { id: string; name: string; standing: UnionOverview['standing']; workers: number | null; members: number | null }[];
}

/** 40 more CĐCS under commune A: repeated names and figures (ties), every standing, one Mẫu 1 report only. */
async function seed(server: TestServer, setting: TwoCommunes): Promise<Seeded> {
  const unions: Seeded['unions'] = [{ id: setting.unionA.id, name: setting.unionA.name, standing: 'missing', workers: null, members: null }];
  await server.store.write(async (tx) => {
    for (let i = 0; i < 40; i++) {
      const id = randomUUID();
      const name = NAMES[i % NAMES.length] as string;
      await tx.insertUnion({ id, name, code: i % 7 === 0 ? null : `KCN-${String(i).padStart(3, '0')}`, superiorId: setting.communeA.id, createdAt: AT });
      const shape = i % 6; // 0 missing, 1 draft, 2 sent, 3 accepted, 4 returned, 5 only a Mẫu 1 report (missing for Plan 94)
      if (shape === 0) {
        unions.push({ id, name, standing: 'missing', workers: null, members: null });
        continue;
      }
      const document = emptyReport(randomUUID(), { year: 2025, kind: 'yearly' }, AT);
      const workers = 100 + (i % 4) * 50;
      const members = 60 + (i % 3) * 30;
      document.membership.workers = workers;
      document.membership.members = members;
      document.status = shape === 1 ? 'draft' : 'ready';
      if (shape === 5) document.form = { id: 'mau-1-hdcd', version: 1 };
      const review: ReviewDecision | null = shape === 3 ? { status: 'accepted', comment: '', decidedAt: AT } : shape === 4 ? { status: 'returned', comment: 'Bổ sung.', decidedAt: AT } : null;
      await tx.insertReport({
        id: document.id,
        unionId: id,
        year: 2025,
        kind: 'yearly',
        revision: 1,
        documentJson: JSON.stringify(document),
        reviewJson: review && JSON.stringify(review),
        savedAt: `2025-12-0${1 + (i % 5)}T03:00:00.000Z`,
        createdAt: AT,
        changeSeq: 1,
        superiorId: shape === 1 ? null : setting.communeA.id,
      });
      const standing = (['missing', 'draft', 'sent', 'accepted', 'returned', 'missing'] as const)[shape] ?? 'missing';
      unions.push(shape === 5 ? { id, name, standing: 'missing', workers: null, members: null } : { id, name, standing, workers, members });
    }
  });
  return { unions };
}

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`the paged period table on ${kind}`, () => {
    let server: TestServer;
    let setting: TwoCommunes;
    let seeded: Seeded;

    async function page(query: string, who = setting.staff.province, nodeId = setting.communeA.id) {
      return api<PeriodTablePage>(server, 'GET', `/api/staff/nodes/${nodeId}/period-table?year=2025&kind=yearly&${query}`, who);
    }

    /** Every line of the table, page after page. */
    async function allPages(query: string, limit = 7): Promise<{ lines: UnionOverview[]; pages: PeriodTablePage[] }> {
      const pages: PeriodTablePage[] = [];
      let cursor: string | null = null;
      do {
        const answer: Awaited<ReturnType<typeof page>> = await page(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        pages.push(answer.body);
        cursor = answer.body.nextCursor;
      } while (cursor && pages.length < 100);
      return { lines: pages.flatMap((each) => each.lines), pages };
    }

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      setting = await twoCommunes(server);
      seeded = await seed(server, setting);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('lists every CĐCS exactly once across the pages, in each sort and direction, ties by name then id', async () => {
      for (const sort of PERIOD_TABLE_SORTS)
        for (const direction of ['asc', 'desc']) {
          const { lines, pages } = await allPages(`sort=${sort}&direction=${direction}`);
          const ids = lines.map((line) => line.id);
          expect(new Set(ids).size, `${sort} ${direction}`).toBe(ids.length);
          expect(ids.sort()).toEqual(seeded.unions.map((union) => union.id).sort());
          expect(pages[0]?.total).toBe(seeded.unions.length);
          expect(pages.map((each) => each.offset)).toEqual(pages.map((_, index) => index * 7));
          expect(pages.at(-1)?.nextCursor).toBeNull();
          expect(pages[0]?.previousCursor).toBeNull();
          // The same request twice gives the same order: ties are broken, not left to the plan.
          expect((await allPages(`sort=${sort}&direction=${direction}`, 11)).lines.map((line) => line.id)).toEqual(lines.map((line) => line.id));
        }
    });

    it('sorts numbers by value with the lines without one last in either direction', async () => {
      for (const direction of ['asc', 'desc'] as const) {
        const { lines } = await allPages(`sort=members&direction=${direction}`);
        const members = lines.map((line) => line.report?.members ?? null);
        const known = members.filter((value): value is number => value !== null);
        expect(members.slice(0, known.length)).toEqual(known);
        expect(known).toEqual([...known].sort((a, b) => (direction === 'asc' ? a - b : b - a)));
      }
      const { lines } = await allPages('sort=standing');
      const order = { returned: 0, sent: 1, draft: 2, missing: 3, accepted: 4 };
      const ranks = lines.map((line) => order[line.standing]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    });

    it('filters and searches in SQL, with the totals row over every line they keep, not the page', async () => {
      const notReported = await allPages('filter=notReported', 5);
      const expected = seeded.unions.filter((union) => union.standing === 'missing' || union.standing === 'draft');
      expect(notReported.lines.map((line) => line.id).sort()).toEqual(expected.map((union) => union.id).sort());
      expect(notReported.pages[0]?.totals).toMatchObject({ unions: expected.length, reported: 0, workers: 0, members: 0 });

      const returned = await allPages('filter=returned&search=dien%20TU');
      const expectedReturned = seeded.unions.filter((union) => union.standing === 'returned' && union.name.includes('Điện tử'));
      expect(returned.lines.map((line) => line.id).sort()).toEqual(expectedReturned.map((union) => union.id).sort());
      const first = (await page('filter=returned&search=dien%20TU&limit=1')).body;
      expect(first.lines).toHaveLength(Math.min(1, expectedReturned.length));
      expect(first.totals).toMatchObject({
        unions: expectedReturned.length,
        reported: expectedReturned.length,
        workers: expectedReturned.reduce((sum, union) => sum + (union.workers ?? 0), 0),
        members: expectedReturned.reduce((sum, union) => sum + (union.members ?? 0), 0),
      });

      // The whole table: figures of the reports sent only (a draft is not one yet).
      const sent = seeded.unions.filter((union) => ['sent', 'accepted', 'returned'].includes(union.standing));
      const whole = (await page('limit=1')).body;
      const workers = sent.reduce((sum, union) => sum + (union.workers ?? 0), 0);
      const members = sent.reduce((sum, union) => sum + (union.members ?? 0), 0);
      expect(whole.totals).toMatchObject({ unions: seeded.unions.length, reported: sent.length, workers, members });
      expect(whole.totals.unionizationRate).toBeCloseTo(members / workers, 10);

      // Case and diacritics do not matter; every word must match.
      const may = await allPages('search=MAY%20an%20tinh');
      expect(may.lines.length).toBe(seeded.unions.filter((union) => /may an tịnh/i.test(union.name)).length);
      expect((await page('search=may%20zzz')).body.total).toBe(0);
      // "%" and "_" are letters to look for, not wildcards.
      expect((await page('search=%25')).body.total).toBe(0);

      // The two checkboxes with "and": a draft's rate counts for "Dưới 80 %", as the table showed it.
      const belowTarget = await allPages('belowTarget=1&notReported=1');
      const drafts = seeded.unions.filter((union) => union.standing === 'draft' && Math.round(((union.members ?? 0) / (union.workers ?? 1)) * 1000) < 800);
      expect(belowTarget.lines.map((line) => line.id).sort()).toEqual(drafts.map((union) => union.id).sort());
      expect(belowTarget.pages[0]?.totals).toMatchObject({ unions: drafts.length, reported: 0 });
    });

    it("counts the reports of the form asked for (Plan 94 unless `form` names another)", async () => {
      const mau1 = await allPages('form=mau-1-hdcd');
      expect(mau1.pages[0]?.form).toBe('mau-1-hdcd');
      // i % 6 === 5 among 0…39: six CĐCS sent a Mẫu 1 report only.
      expect(mau1.lines.filter((line) => line.report)).toHaveLength(6);
      expect(mau1.lines.filter((line) => line.report).every((line) => line.standing === 'sent')).toBe(true);
      expect(mau1.pages[0]?.total).toBe(seeded.unions.length);
    });

    it('answers 404 for a node outside the viewer\'s subtree, and refuses a page too large or a foreign cursor', async () => {
      expectApiError(await page('limit=5', setting.staff.adminB), 404, 'not_found');
      expectApiError(await page(`limit=${PERIOD_TABLE_MAX_LIMIT + 1}`, setting.staff.adminB), 404, 'not_found');
      expectApiError(await page('limit=5', setting.staff.province, randomUUID()), 404, 'not_found');
      expectApiError(await page(`limit=${PERIOD_TABLE_MAX_LIMIT + 1}`), 400, 'limit_too_large');
      expectApiError(await page('limit=0'), 400, 'bad_request');
      expectApiError(await page('sort=colour'), 400, 'bad_request');
      const { nextCursor } = (await page('sort=name&limit=5')).body;
      expect(nextCursor).toBeTruthy();
      expectApiError(await page(`sort=code&limit=5&cursor=${encodeURIComponent(nextCursor as string)}`), 400, 'bad_request');
      expectApiError(await page('cursor=not-a-cursor'), 400, 'bad_request');
      // The viewer of commune A reads its own table.
      expect((await page('limit=5', setting.staff.viewerA)).status).toBe(200);
    });

    it('sorts by the deadline of the period\'s round: not sent first, then sent late, then sent in time', async () => {
      expect((await api(server, 'POST', `/api/staff/nodes/${setting.communeA.id}/rounds`, setting.staff.province, { ...PAST_ROUND, deadline: '2025-12-03' })).status).toBe(201);
      const { lines } = await allPages('sort=deadline', 9);
      const rank = (line: UnionOverview) => (line.standing === 'missing' || line.standing === 'draft' ? 0 : (line.report?.savedAt ?? '') >= '2025-12-03T17:00:00.000Z' ? 1 : 2);
      const ranks = lines.map(rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(new Set(ranks)).toEqual(new Set([0, 1, 2]));
      expect(lines).toHaveLength(seeded.unions.length);
    });
  });
}
