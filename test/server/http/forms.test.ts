/**
 * Report forms over HTTP on a real SQLite file and a real PostgreSQL schema: a province's admin
 * uploads a form written as a real .xlsx, is told every problem by sheet, row and column, publishes
 * it as a version that never changes, uploads the next, and downloads a published or built-in form as
 * the spreadsheet that uploads back to the same definition. Reach (404), roles (403) and what is not
 * a form (413, 415, 422) as every staff endpoint.
 */
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FormSummary, FormVersion } from '../../../src/domain/forms/catalogue';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { formFromSheets, type SheetCell, type SheetProblem } from '../../../src/domain/forms/spreadsheet';
import { type Answer, api, call, describeOnEachStore, expectApiError, startTestServer, type StaffLogin, type TestServer, twoCommunes, type TwoCommunes } from '../helpers';
import { exampleForm, setRowCell, xlsxOf } from '../formWorkbooks';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function upload(server: TestServer, who: StaffLogin, nodeId: string, body: Buffer | string, contentType = XLSX): Promise<Answer<FormVersion>> {
  return call<FormVersion>(`${server.url}/api/staff/nodes/${nodeId}/forms`, {
    method: 'POST',
    headers: { ...who.headers, 'content-type': contentType },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

async function sheetsOfDownload(server: TestServer, who: StaffLogin, path: string) {
  const response = await fetch(`${server.url}${path}`, { headers: who.headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(XLSX);
  const file = Buffer.from(await response.arrayBuffer());
  const sheets = (await readXlsxFile(file)) as { sheet: string; data: SheetCell[][] }[];
  return { disposition: response.headers.get('content-disposition'), sheets: Object.fromEntries(sheets.map(({ sheet, data }) => [sheet, data])) };
}

describeOnEachStore(
  (kind) => `report forms over HTTP on ${kind}`,
  (kind) => {
    let server: TestServer;
    let tree: TwoCommunes;
    let provinceAdmin: StaffLogin;

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      tree = await twoCommunes(server);
      provinceAdmin = tree.staff.province;
    });
    afterAll(() => server.close());

    it('keeps an uploaded form as a draft of the node, with the definition the spreadsheet says, and logs it', async () => {
      const sheets = exampleForm();
      const answer = await upload(server, provinceAdmin, server.root.id, await xlsxOf(sheets));
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      const expected = formFromSheets(sheets);
      expect(expected.ok).toBe(true);
      expect(answer.body.definition).toStrictEqual(expected.ok && expected.definition);
      expect(answer.body.form).toMatchObject({
        code: 'bao-cao-nam-tinh',
        version: 1,
        status: 'draft',
        builtin: false,
        node: { id: server.root.id },
        createdBy: provinceAdmin.username,
        publishedAt: null,
      });
      const audit = await server.store.listAuditEntries({ underPath: '/', actions: ['form.imported'], limit: 10 });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ target: { kind: 'form', id: 'bao-cao-nam-tinh/1' }, actor: { username: provinceAdmin.username } });
    });

    it('names every problem of a spreadsheet with mistakes by sheet, row and column, and keeps nothing', async () => {
      const sheets = exampleForm({
        code: 'bieu-mau-loi',
        change: (s) => {
          setRowCell(s, 7, 'kieu', 'so_luong');
          setRowCell(s, 4, 'bat_buoc', 'phai');
          setRowCell(s, 3, 'rang_buoc', '<= TONG_LAO_DONG');
        },
      });
      const answer = await upload(server, provinceAdmin, server.root.id, await xlsxOf(sheets));
      const problems = expectApiError(answer, 422, 'form_invalid').details as SheetProblem[];
      expect(problems).toEqual([
        { sheet: 'chi_tieu', row: 4, column: 'bat_buoc', message: '“phai” không hợp lệ; dùng co, khong, hoặc khi:MA (bắt buộc khi dòng có/không MA trả lời có).' },
        {
          sheet: 'chi_tieu',
          row: 7,
          column: 'kieu',
          message: '“so_luong” không phải là một kiểu; dùng một trong: so, tien, co_khong, ngay, chu, van_ban, khoi_doan_vien, khoi_doi_thoai.',
        },
      ]);
      // The second mistake is named once the first is mended: rules are checked on a form that reads.
      setRowCell(sheets, 7, 'kieu', 'so');
      setRowCell(sheets, 4, 'bat_buoc', 'khong');
      const next = await upload(server, provinceAdmin, server.root.id, await xlsxOf(sheets));
      expect(expectApiError(next, 422, 'form_invalid').details).toEqual([
        { sheet: 'chi_tieu', row: 3, column: 'rang_buoc', message: 'Không có dòng nào mang mã “TONG_LAO_DONG”.' },
      ]);
      expectApiError(await api(server, 'GET', '/api/staff/forms/bieu-mau-loi/1', provinceAdmin), 404, 'not_found');
    });

    it('publishes a draft as a version that never changes; the next upload is the next version', async () => {
      const published = await api<FormVersion>(server, 'POST', '/api/staff/forms/bao-cao-nam-tinh/1/publish', provinceAdmin);
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body.form).toMatchObject({ status: 'published', publishedBy: provinceAdmin.username });
      expect(published.body.definition.status).toBe('published');
      expect((await server.store.listAuditEntries({ underPath: '/', actions: ['form.published'], limit: 10 })).map((entry) => entry.target?.id)).toEqual([
        'bao-cao-nam-tinh/1',
      ]);

      expectApiError(await api(server, 'POST', '/api/staff/forms/bao-cao-nam-tinh/1/publish', provinceAdmin), 409, 'form_published');
      const again = await upload(server, provinceAdmin, server.root.id, await xlsxOf(exampleForm({ change: (s) => setRowCell(s, 3, 'noi_dung', 'Đã đổi') })));
      expect(expectApiError(again, 422, 'form_invalid').details).toEqual([
        {
          sheet: 'cai_dat',
          row: 2,
          column: 'phien_ban',
          message: 'phiên bản 1 đã ban hành và không thay đổi được; phiên bản mới của biểu mẫu này phải là 2.',
        },
      ]);
      const unchanged = await api<FormVersion>(server, 'GET', '/api/staff/forms/bao-cao-nam-tinh/1', provinceAdmin);
      expect(unchanged.body).toStrictEqual(published.body);

      const second = await upload(server, provinceAdmin, server.root.id, await xlsxOf(exampleForm({ version: 2, change: (s) => setRowCell(s, 3, 'noi_dung', 'Đã đổi') })));
      expect(second.status, JSON.stringify(second.body)).toBe(201);
      expect(second.body.form).toMatchObject({ version: 2, status: 'draft' });
      // A draft is replaced by uploading its version again.
      const replaced = await upload(server, provinceAdmin, server.root.id, await xlsxOf(exampleForm({ version: 2, change: (s) => setRowCell(s, 3, 'noi_dung', 'Đổi lần nữa') })));
      expect(replaced.status).toBe(201);
      const listed = await api<{ forms: FormSummary[] }>(server, 'GET', `/api/staff/forms?node=${server.root.id}`, provinceAdmin);
      expect(listed.body.forms.map((form) => [form.code, form.version, form.status, form.builtin])).toEqual([
        ['ke-hoach-94', 1, 'published', true],
        ['mau-1-hdcd', 1, 'published', true],
        ['bao-cao-nam-tinh', 1, 'published', false],
        ['bao-cao-nam-tinh', 2, 'draft', false],
      ]);
    });

    it('downloads a published or built-in form as the spreadsheet that uploads back to the same definition', async () => {
      const stored = (await api<FormVersion>(server, 'GET', '/api/staff/forms/bao-cao-nam-tinh/1', provinceAdmin)).body.definition;
      const download = await sheetsOfDownload(server, provinceAdmin, '/api/staff/forms/bao-cao-nam-tinh/1.xlsx');
      expect(download.disposition).toBe('attachment; filename="bao-cao-nam-tinh-v1.xlsx"');
      expect(formFromSheets(download.sheets)).toStrictEqual({ ok: true, definition: { ...stored, status: 'draft' } });

      const builtin = await sheetsOfDownload(server, tree.staff.viewerA, '/api/staff/forms/mau-1-hdcd/1.xlsx');
      expect(formFromSheets(builtin.sheets)).toStrictEqual({ ok: true, definition: { ...MAU_1_HDCD_FORM, status: 'draft' } });

      expectApiError(await api(server, 'GET', '/api/staff/forms/bao-cao-nam-tinh/2.xlsx', provinceAdmin), 409, 'form_not_published');
    });

    it('shows a published form to the nodes below its own, its drafts only to its subtree, and lets only an admin of its node act (404 outside, 403 by role)', async () => {
      const { communeA, communeB, staff } = tree;
      expect((await api(server, 'GET', '/api/staff/forms/bao-cao-nam-tinh/1', staff.viewerA)).status).toBe(200);
      expectApiError(await api(server, 'GET', '/api/staff/forms/bao-cao-nam-tinh/2', staff.viewerA), 404, 'not_found');
      const belowList = await api<{ forms: FormSummary[] }>(server, 'GET', `/api/staff/forms?node=${communeA.id}`, staff.viewerA);
      expect(belowList.body.forms.map((form) => `${form.code}/${form.version}`)).toEqual(['ke-hoach-94/1', 'mau-1-hdcd/1', 'bao-cao-nam-tinh/1']);
      expectApiError(await api(server, 'GET', `/api/staff/forms?node=${communeB.id}`, staff.adminA), 404, 'not_found');
      expectApiError(await api(server, 'GET', '/api/staff/forms?node=khong-phai-id', staff.adminA), 404, 'not_found');
      expectApiError(await api(server, 'GET', '/api/staff/forms/khong-co/1', provinceAdmin), 404, 'not_found');
      expectApiError(await api(server, 'GET', '/api/staff/forms/bao-cao-nam-tinh/mot', provinceAdmin), 404, 'not_found');

      // An admin below the form's node cannot publish it: for them its draft does not exist.
      expectApiError(await api(server, 'POST', '/api/staff/forms/bao-cao-nam-tinh/2/publish', staff.adminA), 404, 'not_found');
      const provinceReviewer = await server.staffSession({ role: 'reviewer' });
      expectApiError(await api(server, 'POST', '/api/staff/forms/bao-cao-nam-tinh/2/publish', provinceReviewer), 403, 'forbidden');
      const file = await xlsxOf(exampleForm({ code: 'bao-cao-xa' }));
      expectApiError(await upload(server, staff.viewerA, communeA.id, file), 403, 'forbidden');
      expectApiError(await upload(server, staff.adminA, communeB.id, file), 404, 'not_found');
      expect((await upload(server, staff.adminA, communeA.id, file)).status).toBe(201);

      // A code is one node's: another node's form and a built-in form's codes are refused at the cell.
      const taken = await upload(server, staff.adminA, communeA.id, await xlsxOf(exampleForm({ code: 'bao-cao-nam-tinh', version: 2 })));
      expect((expectApiError(taken, 422, 'form_invalid').details as SheetProblem[]).map((p) => [p.sheet, p.row, p.column])).toEqual([['cai_dat', 2, 'ma_bieu_mau']]);
      const builtin = await upload(server, provinceAdmin, server.root.id, await xlsxOf(exampleForm({ code: 'mau-1-hdcd', version: 2 })));
      expect((expectApiError(builtin, 422, 'form_invalid').details as SheetProblem[])[0]?.column).toBe('ma_bieu_mau');
    });

    it('refuses what is not a form: too large (413), not a spreadsheet (415, 422), never a 500', async () => {
      const node = server.root.id;
      expectApiError(await upload(server, provinceAdmin, node, Buffer.alloc(2 * 1024 * 1024 + 1, 1)), 413, 'payload_too_large');
      // Without a Content-Length (sent in chunks), the limit is met while reading, with the same answer.
      const chunked = await call(`${server.url}/api/staff/nodes/${node}/forms`, {
        method: 'POST',
        headers: { ...provinceAdmin.headers, 'content-type': XLSX },
        body: new Blob([Buffer.alloc(2 * 1024 * 1024 + 1, 1)]).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(expectApiError(chunked, 413, 'payload_too_large').message).toMatch(/2 MB/);
      expectApiError(await upload(server, provinceAdmin, node, JSON.stringify({ form: 'x' }), 'application/json'), 415, 'unsupported_media_type');
      expectApiError(await upload(server, provinceAdmin, node, 'ma,noi_dung\nTONG_LD,Tổng', 'text/csv'), 415, 'unsupported_media_type');
      expectApiError(await upload(server, provinceAdmin, node, 'ma,noi_dung\nTONG_LD,Tổng'), 422, 'not_a_spreadsheet');
      expectApiError(await upload(server, provinceAdmin, node, Buffer.from('PK\u0003\u0004 not really a zip')), 422, 'not_a_spreadsheet');
      expectApiError(await upload(server, provinceAdmin, node, Buffer.alloc(0)), 422, 'not_a_spreadsheet');
      // A workbook without the convention's sheets is a form with problems, not a broken file.
      const other = await upload(server, provinceAdmin, node, await xlsxOf({ Sheet1: [['a', 'b']] }));
      expect(expectApiError(other, 422, 'form_invalid').details).toEqual([
        { sheet: 'cai_dat', message: 'không có trang này trong tệp.' },
        { sheet: 'chi_tieu', message: 'không có trang này trong tệp.' },
      ]);
    });
  },
);
