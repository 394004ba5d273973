/**
 * The period table of a form that chose its columns (issue 22, domain/forms/tableColumns.ts) on both
 * stores: each line's figure of every chosen column, the totals row added up by each row's own roll-up
 * (a sum, a count of yes, a weighted mean, a ratio of sums: domain/forms/rollup.ts is the reference)
 * over the counted lines the filters keep, the sort by a chosen column, and the refusals; another
 * commune's reports of the same form never reach the table, and its staff never reach the node.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition, FormValues } from '../../../src/domain/forms/definition';
import { computedValue, rollUpForm } from '../../../src/domain/forms/rollup';
import type { PeriodTablePage } from '../../../src/domain/periodTable';
import { randomValues, rollupTestForm, sequence, storeTestForm, writeFormReport } from '../formRollupFixtures';
import { announcePostgresSkip, api, expectApiError, startTestServer, STORE_KINDS, twoCommunes, type TestServer, type TwoCommunes } from '../helpers';

announcePostgresSkip();

const CHOSEN = ['TONG_LD', 'TY_LE_DV', 'LUONG_TB', 'CHI_TIEU_8'];

/** The fixtures' form with four chosen columns of four roll-up kinds: sum, ratio, weighted mean, count of yes. */
function formWithColumns(id: string): FormDefinition {
  const form = rollupTestForm(id, 12);
  for (const section of form.sections) if (section.kind === 'rows') for (const row of section.rows) if (CHOSEN.includes(row.code)) row.tableColumn = true;
  return form;
}

interface SeededLine {
  unionId: string;
  /** The values of its counted report; null: no report counts (none, or a draft never sent). */
  counted: FormValues | null;
  review?: 'accepted' | 'returned';
}

/** A line's figure of a chosen column, as a CĐCS's phone shows it: its own value, a ratio worked out, yes as 1. */
function lineFigure(form: FormDefinition, code: string, values: FormValues | null): number | null {
  if (!values) return null;
  const row = form.sections.flatMap((section) => (section.kind === 'rows' ? section.rows : [])).find((each) => each.code === code);
  if (!row) return null;
  if (row.rollUp.kind === 'ratio') return computedValue(row, values);
  const value = values[code];
  return typeof value === 'boolean' ? (value ? 1 : 0) : typeof value === 'number' ? value : null;
}

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`the period table of a form's chosen columns on ${kind}`, () => {
    let server: TestServer;
    let setting: TwoCommunes;
    const form = formWithColumns(`bang-cot-${randomUUID().slice(0, 6)}`);
    const lines: SeededLine[] = [];

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      setting = await twoCommunes(server);
      await storeTestForm(server.store, form, server.root.id);
      const random = sequence(4242);
      // The unions first: the server's own writes wait for a transaction of the test's.
      const unionsA: { id: string }[] = [];
      for (let i = 0; i < 36; i++) unionsA.push(await server.createUnion(`CĐCS Cột ${String(i).padStart(2, '0')}`, setting.communeA.id));
      const unionsB: { id: string }[] = [];
      for (let i = 0; i < 5; i++) unionsB.push(await server.createUnion(`CĐCS Bến Củi ${i}`, setting.communeB.id));
      await server.store.db.transaction().execute(async (trx) => {
        for (const [i, union] of unionsA.entries()) {
          const values = randomValues(form, random);
          const shape = i % 6; // 0 none, 1 draft, 2 sent, 3 accepted, 4 returned, 5 sent
          if (shape === 0) {
            lines.push({ unionId: union.id, counted: null });
            continue;
          }
          const review = shape === 3 ? ('accepted' as const) : shape === 4 ? ('returned' as const) : undefined;
          await writeFormReport(trx, form, { unionId: union.id, superiorId: shape === 1 ? null : setting.communeA.id, values, status: shape === 1 ? 'draft' : 'ready', ...(review ? { review } : {}) });
          lines.push({ unionId: union.id, counted: shape === 1 ? null : values, ...(review ? { review } : {}) });
        }
        // Commune B's reports of the same form: big figures that would show in A's totals if they leaked.
        for (const union of unionsB) {
          await writeFormReport(trx, form, { unionId: union.id, superiorId: setting.communeB.id, values: { TONG_LD: 1_000_000, DOAN_VIEN: 999_999, LUONG_TB: 99_000_000, CHI_TIEU_8: true }, status: 'ready' });
        }
      });
      lines.push({ unionId: setting.unionA.id, counted: null });
    });
    afterAll(async () => {
      await server?.close();
    });

    async function table(query: string, who = setting.staff.province, nodeId = setting.communeA.id) {
      return api<PeriodTablePage>(server, 'GET', `/api/staff/nodes/${nodeId}/period-table?year=2025&kind=yearly&form=${form.id}&${query}`, who);
    }

    it("answers the chosen columns as printed, each line's figures and the totals by each row's roll-up", async () => {
      const answer = await table('limit=500');
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const page = answer.body;
      expect(page.columns.map((column) => column.code)).toEqual(CHOSEN);
      expect(page.columns[1]).toEqual({ code: 'TY_LE_DV', number: '3', label: 'Tỷ lệ đoàn viên trên lao động', unit: '%', kind: 'count', rollUp: { kind: 'ratio', numerator: 'DOAN_VIEN', denominator: 'TONG_LD' } });
      expect(page.total).toBe(lines.length);
      for (const line of page.lines) {
        const seeded = lines.find((each) => each.unionId === line.id);
        expect(seeded, line.name).toBeDefined();
        const wanted = Object.fromEntries(CHOSEN.map((code) => [code, lineFigure(form, code, seeded?.counted ?? null)]));
        for (const code of CHOSEN) expect(line.values[code], `${line.name} ${code}`).toBeCloseTo(wanted[code] as number, 9);
        expect(Object.keys(line.values).sort()).toEqual([...CHOSEN].sort());
      }
      const reference = rollUpForm(form, lines.flatMap((line) => (line.counted ? [line.counted] : []))).filter((result) => CHOSEN.includes(result.code));
      expect(page.columnTotals).toEqual(CHOSEN.map((code) => reference.find((result) => result.code === code)));
      // Not a comparison of empty figures: every kind has one.
      for (const result of page.columnTotals) expect(result.value, result.code).toEqual(expect.any(Number));
    });

    it("adds up the same from the node's running sums (no filter) as line by line (a search every line matches)", async () => {
      const running = await table('limit=5');
      const lineByLine = await table('limit=5&search=CĐCS');
      expect(lineByLine.body.total).toBe(lines.length);
      expect(lineByLine.body.columnTotals).toEqual(running.body.columnTotals);
    });

    it('adds up only the lines the filters keep', async () => {
      for (const filter of ['accepted', 'returned'] as const) {
        const answer = await table(`filter=${filter}`);
        expect(answer.status).toBe(200);
        const kept = lines.filter((line) => line.review === filter);
        expect(answer.body.total).toBe(kept.length);
        const reference = rollUpForm(form, kept.map((line) => line.counted as FormValues));
        expect(answer.body.columnTotals).toEqual(CHOSEN.map((code) => reference.find((result) => result.code === code)));
      }
    });

    it('sorts by a chosen column, the lines without a figure last in either direction, every line once across the pages', async () => {
      for (const code of CHOSEN)
        for (const direction of ['asc', 'desc'] as const) {
          const seen: PeriodTablePage['lines'] = [];
          let cursor: string | null = null;
          do {
            const answer: Awaited<ReturnType<typeof table>> = await table(`sort=row:${code}&direction=${direction}&limit=8${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
            expect(answer.status, JSON.stringify(answer.body)).toBe(200);
            seen.push(...answer.body.lines);
            cursor = answer.body.nextCursor;
          } while (cursor);
          expect(new Set(seen.map((line) => line.id)).size).toBe(lines.length);
          const figures = seen.map((line) => line.values[code] ?? null);
          const known = figures.filter((value): value is number => value !== null);
          expect(figures.slice(0, known.length), `${code} ${direction}`).toEqual(known);
          expect(known).toEqual([...known].sort((a, b) => (direction === 'asc' ? a - b : b - a)));
        }
      // The figures read per line in SQL (a search, which every line matches) are the figures read for the page alone.
      const byName = new Map((await table('limit=500')).body.lines.map((line) => [line.id, line.values]));
      const searched = (await table('sort=row:LUONG_TB&search=CĐCS&limit=500')).body.lines;
      expect(searched.map((line) => line.id)).toEqual((await table('sort=row:LUONG_TB&limit=500')).body.lines.map((line) => line.id));
      for (const line of searched) expect(line.values, line.name).toEqual(byName.get(line.id));
      // A cursor of one column's sort is not another's.
      const first = await table('sort=row:TONG_LD&limit=5');
      expectApiError(await table(`sort=row:LUONG_TB&limit=5&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`), 400, 'bad_request');
    });

    it('refuses a sort by a row that is not a column, and a form that does not reach the node', async () => {
      expectApiError(await table('sort=row:GHI_CHU'), 400, 'bad_request');
      expectApiError(await table('sort=row:DOAN_VIEN'), 400, 'bad_request');
      expectApiError(await table('sort=row:not-a-code'), 400, 'bad_request');
      expectApiError(await api(server, 'GET', `/api/staff/nodes/${setting.communeA.id}/period-table?year=2025&kind=yearly&form=khong-co-bieu-mau-nay`, setting.staff.province), 404, 'not_found');
    });

    it("never shows another commune's node to its staff", async () => {
      expectApiError(await table('limit=5', setting.staff.adminB), 404, 'not_found');
      const own = await table('limit=5', setting.staff.adminB, setting.communeB.id);
      expect(own.status).toBe(200);
      expect(own.body.columnTotals.find((result) => result.code === 'TONG_LD')).toEqual({ code: 'TONG_LD', value: 5_000_000, reported: 5 });
    });

    it("keeps Plan 94's table as it was: no chosen columns, the membership block's heart columns", async () => {
      const answer = await table('', setting.staff.province).then(() => api<PeriodTablePage>(server, 'GET', `/api/staff/nodes/${setting.communeA.id}/period-table?year=2025&kind=yearly`, setting.staff.province));
      expect(answer.status).toBe(200);
      expect(answer.body.columns).toEqual([]);
      expect(answer.body.columnTotals).toEqual([]);
      expect(answer.body.lines.every((line) => Object.keys(line.values).length === 0)).toBe(true);
    });
  });
}
