/**
 * A node's roll-up of a report form over HTTP, on both stores (services/formRollups.ts): the JSON the
 * staff screen reads (the node's total, then its direct children by name), the reach of nodes and
 * forms (404 as for what does not exist), and the spreadsheet read back with read-excel-file.
 */
import readXlsxFile from 'read-excel-file/node';
import { beforeAll, afterAll, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { formRows, type FormValues } from '../../../src/domain/forms/definition';
import type { FormRollup } from '../../../src/domain/forms/nodeRollup';
import type { SheetCell } from '../../../src/domain/forms/spreadsheet';
import { rollupTestForm, storeTestForm, writeFormReport } from '../formRollupFixtures';
import { api, describeOnEachStore, expectApiError, startTestServer, type TestServer, twoCommunes, type TwoCommunes } from '../helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PERIOD = 'year=2025&kind=yearly';

describeOnEachStore(
  (kind) => `a form's roll-up over HTTP on ${kind}`,
  (kind) => {
    let server: TestServer;
    let tree: TwoCommunes;
    const form = rollupTestForm('tong-hop-tinh', 8);
    const formOfB = rollupTestForm('bieu-xa-ben-cui', 6);
    const draft = rollupTestForm('bieu-nhap', 6);
    let silentName: string;
    let directName: string;

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      tree = await twoCommunes(server);
      await storeTestForm(server.store, form, server.root.id);
      await storeTestForm(server.store, formOfB, tree.communeB.id);
      await storeTestForm(server.store, { ...draft, status: 'draft' }, server.root.id, false);
      const silent = await server.createUnion('CĐCS Trường Mầm non An Tịnh', tree.communeA.id);
      const direct = await server.createUnion('CĐCS Bệnh viện tỉnh', server.root.id);
      silentName = silent.name;
      directName = direct.name;
      const reports: [string, string, FormValues][] = [
        [tree.unionA.id, tree.communeA.id, { TONG_LD: 100, DOAN_VIEN: 80, LUONG_TB: 6_000_000, CHI_TIEU_6: 3, CHI_TIEU_7: 1000, CHI_TIEU_8: true, GHI_CHU: 'Tốt' }],
        [tree.unionB.id, tree.communeB.id, { TONG_LD: 300, DOAN_VIEN: 150, LUONG_TB: 8_000_000, CHI_TIEU_6: 5, CHI_TIEU_8: false }],
        [direct.id, server.root.id, { TONG_LD: 50, DOAN_VIEN: 50 }],
      ];
      await server.store.db.transaction().execute(async (trx) => {
        for (const [unionId, superiorId, values] of reports) await writeFormReport(trx, form, { unionId, superiorId, values, status: 'ready' });
        // A draft never sent does not count.
        await writeFormReport(trx, form, { unionId: silent.id, superiorId: null, values: { TONG_LD: 9999 }, status: 'draft' });
      });
    });
    afterAll(() => server.close());

    const rollupPath = (nodeId: string, formId: string, query = PERIOD) => `/api/staff/nodes/${nodeId}/forms/${formId}/rollup?${query}`;

    it("answers the province's total and a column per commune, every row in the form's order with rollup.ts's figures", async () => {
      const answer = await api<FormRollup>(server, 'GET', rollupPath(server.root.id, form.id), tree.staff.province);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const { body } = answer;
      expect(body.form).toEqual(form);
      expect(body.period).toEqual({ year: 2025, kind: 'yearly' });
      expect(body.columns).toEqual([
        { nodeId: server.root.id, name: server.root.name, expected: 4, reported: 3 },
        { nodeId: tree.communeA.id, name: 'Công đoàn phường An Tịnh', expected: 2, reported: 1 },
        { nodeId: tree.communeB.id, name: 'Công đoàn xã Bến Củi', expected: 1, reported: 1 },
      ]);
      expect(body.rows.map((row) => row.code)).toEqual(formRows(form).map((row) => row.code));
      const row = (code: string) => body.rows.find((each) => each.code === code)?.values;
      expect(row('TONG_LD')).toEqual([
        { code: 'TONG_LD', value: 450, reported: 3 },
        { code: 'TONG_LD', value: 100, reported: 1 },
        { code: 'TONG_LD', value: 300, reported: 1 },
      ]);
      // Σ members ÷ Σ workers, never a mean of the rates; the wage weighted by the workers.
      expect(row('TY_LE_DV')?.map((value) => value.value)).toEqual([280 / 450, 0.8, 0.5]);
      expect(row('TY_LE_DV')?.[0]).toMatchObject({ numerator: 280, denominator: 450, reported: 3 });
      expect(row('LUONG_TB')?.[0]).toEqual({ code: 'LUONG_TB', value: 7_500_000, reported: 2, numerator: 3_000_000_000, denominator: 400 });
      expect(row('CHI_TIEU_8')?.map((value) => [value.value, value.reported])).toEqual([[1, 2], [1, 1], [0, 1]]);
      expect(row('CHI_TIEU_7')?.map((value) => value.value)).toEqual([1000, 1000, null]);
      expect(row('GHI_CHU')?.every((value) => value.value === null)).toBe(true);
    });

    it("gives a commune's staff their commune's roll-up of the province's form, and 404 for what is not theirs", async () => {
      const viewerA = tree.staff.viewerA;
      const own = await api<FormRollup>(server, 'GET', rollupPath(tree.communeA.id, form.id), viewerA);
      expect(own.status).toBe(200);
      expect(own.body.columns).toEqual([{ nodeId: tree.communeA.id, name: 'Công đoàn phường An Tịnh', expected: 2, reported: 1 }]);
      expect(own.body.rows.find((row) => row.code === 'TONG_LD')?.values).toEqual([{ code: 'TONG_LD', value: 100, reported: 1 }]);

      // Another commune, the province above, a form of another commune: as if they did not exist.
      expectApiError(await api(server, 'GET', rollupPath(tree.communeB.id, form.id), viewerA), 404, 'not_found');
      expectApiError(await api(server, 'GET', rollupPath(server.root.id, form.id), viewerA), 404, 'not_found');
      expectApiError(await api(server, 'GET', rollupPath(tree.communeA.id, formOfB.id), viewerA), 404, 'not_found');
      expectApiError(await api(server, 'GET', `${rollupPath(tree.communeB.id, form.id).replace('/rollup?', '/rollup.xlsx?')}`, viewerA), 404, 'not_found');
      // The form of commune B is for its subtree only, not for the province above it.
      expect((await api(server, 'GET', rollupPath(tree.communeB.id, formOfB.id), tree.staff.adminB)).status).toBe(200);
      expectApiError(await api(server, 'GET', rollupPath(server.root.id, formOfB.id), tree.staff.province), 404, 'not_found');
    });

    it('reads only published versions and built-in forms; a wrong period is a 400, no session a 401', async () => {
      const province = tree.staff.province;
      expectApiError(await api(server, 'GET', rollupPath(server.root.id, draft.id), province), 404, 'not_found');
      expectApiError(await api(server, 'GET', rollupPath(server.root.id, 'khong-co'), province), 404, 'not_found');
      expectApiError(await api(server, 'GET', rollupPath(server.root.id, 'KHONG HOP LE'), province), 404, 'not_found');
      expectApiError(await api(server, 'GET', rollupPath(server.root.id, form.id, `${PERIOD}&version=2`), province), 404, 'not_found');
      expect((await api(server, 'GET', rollupPath(server.root.id, form.id, `${PERIOD}&version=1`), province)).status).toBe(200);
      expectApiError(await api(server, 'GET', rollupPath(server.root.id, form.id, 'year=1990&kind=yearly'), province), 400, 'bad_request');
      expectApiError(await api(server, 'GET', rollupPath(server.root.id, form.id, 'year=2025'), province), 400, 'bad_request');
      expect((await api(server, 'GET', rollupPath(server.root.id, form.id), null)).status).toBe(401);
      const builtin = await api<FormRollup>(server, 'GET', rollupPath(server.root.id, MAU_1_HDCD_FORM.id), province);
      expect(builtin.status).toBe(200);
      expect(builtin.body.form).toEqual(MAU_1_HDCD_FORM);
      expect(builtin.body.columns[0]).toMatchObject({ expected: 4, reported: 0 });
    });

    it('downloads the roll-up as a workbook: the table in the form order, the CĐCS that reported with their figures, those that did not', async () => {
      const response = await fetch(`${server.url}/api/staff/nodes/${server.root.id}/forms/${form.id}/rollup.xlsx?${PERIOD}`, { headers: tree.staff.province.headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(XLSX);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="tong-hop-${form.id}-2025-yearly.xlsx"`);
      const read = (await readXlsxFile(Buffer.from(await response.arrayBuffer()))) as { sheet: string; data: SheetCell[][] }[];
      expect(read.map((sheet) => sheet.sheet)).toEqual(['Tổng hợp', 'Các CĐCS', 'Chưa báo cáo']);
      const [table, reported, missing] = read.map((sheet) => sheet.data) as [SheetCell[][], SheetCell[][], SheetCell[][]];

      expect(table[1]).toEqual(['STT', 'Mã', 'Nội dung', 'Đơn vị', server.root.name, 'Công đoàn phường An Tịnh', 'Công đoàn xã Bến Củi']);
      expect(table[2]?.slice(2)).toEqual(['Số CĐCS phải báo cáo', null, 4, 2, 1]);
      expect(table[3]?.slice(2)).toEqual(['Số CĐCS đã báo cáo', null, 3, 1, 1]);
      // Every row of the form in its order, under its section's title.
      const lines = table.slice(4);
      expect(lines.filter((line) => line[1] !== null).map((line) => line[1])).toEqual(formRows(form).map((row) => row.code));
      expect(lines.filter((line) => line[1] === null).map((line) => line[2])).toEqual(form.sections.map((section) => section.title));
      const line = (code: string) => lines.find((each) => each[1] === code) as SheetCell[];
      expect(line('TONG_LD')).toEqual(['1', 'TONG_LD', 'Tổng số lao động', 'người', 450, 100, 300]);
      expect(line('TY_LE_DV').slice(4)).toEqual([280 / 450, 0.8, 0.5]);
      expect(line('LUONG_TB').slice(4, 5)).toEqual([7_500_000]);
      expect(line('CHI_TIEU_7').slice(4)).toEqual([1000, 1000, null]);
      // A text row is listed with no figure.
      expect(line('GHI_CHU').slice(0, 3)).toEqual(['5', 'GHI_CHU', 'Ghi chú']);
      expect(line('GHI_CHU').slice(4).every((cell) => cell === null)).toBe(true);

      const figureCodes = formRows(form).filter((row) => row.rollUp.kind !== 'none').map((row) => row.code);
      expect(reported[0]?.slice(0, 3)).toEqual(['Tên CĐCS', 'Mã CĐCS', 'Công đoàn cấp trên']);
      expect(reported[0]?.slice(3)).toEqual(formRows(form).filter((row) => row.rollUp.kind !== 'none').map((row) => `${row.label} (${row.code})`));
      expect(reported.slice(1).map((each) => [each[0], each[2]])).toEqual([
        [directName, server.root.name],
        ['CĐCS Công ty May An Tịnh', 'Công đoàn phường An Tịnh'],
        ['CĐCS Trường Bến Củi', 'Công đoàn xã Bến Củi'],
      ]);
      const ofA = reported[2] as SheetCell[];
      const cell = (code: string) => ofA[3 + figureCodes.indexOf(code)];
      expect([cell('TONG_LD'), cell('DOAN_VIEN'), cell('TY_LE_DV'), cell('LUONG_TB'), cell('CHI_TIEU_8')]).toEqual([100, 80, 0.8, 6_000_000, 'Có']);
      expect(missing).toEqual([
        ['Tên CĐCS', 'Mã CĐCS', 'Công đoàn cấp trên'],
        [silentName, null, 'Công đoàn phường An Tịnh'],
      ]);
    });
  },
);
