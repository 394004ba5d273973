import { describe, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { PLAN94_FORM } from '../../../src/domain/forms/builtin/plan94';
import { formRows, type FormDefinition } from '../../../src/domain/forms/definition';
import { formFromSheets, formToSheets, problemText, type SheetCell } from '../../../src/domain/forms/spreadsheet';
import { exampleSheets } from './fixtures';

function parsed(sheets: Record<string, SheetCell[][]>): FormDefinition {
  const result = formFromSheets(sheets);
  if (!result.ok) throw new Error(result.problems.map(problemText).join('\n'));
  return result.definition;
}

function problems(sheets: Record<string, SheetCell[][]>): string[] {
  const result = formFromSheets(sheets);
  return result.ok ? [] : result.problems.map(problemText);
}

/** The example with the cell at a spreadsheet row (1 = the column names) and column replaced. */
function edited(sheet: 'chi_tieu' | 'cai_dat', row: number, column: string, value: SheetCell) {
  const sheets = exampleSheets();
  const index = sheets[sheet][0]!.indexOf(column);
  sheets[sheet][row - 1]![index] = value;
  return sheets;
}

describe('the documented example', () => {
  it('reads as a draft form with its sections, blocks, roll-ups and rules', () => {
    const form = parsed(exampleSheets());
    expect(form).toMatchObject({ id: 'vi-du-bao-cao-nam', version: 1, title: 'Báo cáo công tác công đoàn năm (ví dụ)', status: 'draft' });
    expect(form.sections.map((s) => (s.kind === 'block' ? `[${s.block}]` : `${s.title}: ${s.rows.length}`))).toEqual([
      '[membership]',
      'Lao động và thu nhập: 6',
      'Thương lượng tập thể: 5',
      '[dialogues]',
      'Kiến nghị, đề xuất: 1',
    ]);
    const rows = Object.fromEntries(formRows(form).map((row) => [row.code, row]));
    expect(rows.TONG_LD).toEqual({
      code: 'TONG_LD',
      number: '1',
      label: 'Tổng số lao động',
      unit: 'người',
      kind: 'count',
      required: true,
      rollUp: { kind: 'sum' },
      rules: [],
      changeWarning: 0.2,
      tableColumn: true,
    });
    // The period table's columns (cot_bang): a sum, a ratio, a weighted mean and a count of yes.
    expect(formRows(form).filter((row) => row.tableColumn).map((row) => row.code)).toEqual(['TONG_LD', 'TY_LE_HDLD', 'LUONG_BQ', 'CO_TULDTT']);
    expect(rows.LD_NU).not.toHaveProperty('tableColumn');
    expect(rows.LD_NU!.rules).toEqual([{ operator: '<=', other: 'TONG_LD', severity: 'error' }]);
    expect(rows.TY_LE_HDLD!.rollUp).toEqual({ kind: 'ratio', numerator: 'LD_KY_HDLD', denominator: 'TONG_LD' });
    expect(rows.LUONG_BQ).toMatchObject({ kind: 'money', min: 0, max: 500_000_000, rollUp: { kind: 'weightedMean', weight: 'LUONG_SO_NGUOI' } });
    expect(rows.CO_TULDTT).toMatchObject({ kind: 'yesNo', required: true, rollUp: { kind: 'countYes' } });
    expect(rows.NGAY_KY_TULDTT).toMatchObject({ kind: 'date', required: false, requiredIf: 'CO_TULDTT' });
    expect(rows.KIEN_NGHI_DAT).toMatchObject({
      rules: [{ operator: '<=', other: 'KIEN_NGHI_NEU', severity: 'warning' }],
      ruleExplanation: 'Số kiến nghị đạt được nhiều hơn số nêu ra: hãy giải thích.',
    });
    expect(rows.KIEN_NGHI).toMatchObject({ kind: 'longText', rollUp: { kind: 'none' } });
  });

  it('takes numbers, booleans and the ≤ sign as a spreadsheet program gives them', () => {
    let sheets = edited('chi_tieu', 7, 'nho_nhat', 0);
    sheets.chi_tieu[6]![sheets.chi_tieu[0]!.indexOf('lon_nhat')] = 500_000_000;
    sheets = { ...sheets, chi_tieu: sheets.chi_tieu.map((row, i) => (i === 3 ? row.map((c) => (c === '<= TONG_LD' ? '≤ TONG_LD' : c)) : row)) };
    sheets.chi_tieu[2]![sheets.chi_tieu[0]!.indexOf('bat_buoc')] = true;
    sheets.cai_dat[1]![1] = 1;
    expect(parsed(sheets)).toStrictEqual(parsed(exampleSheets()));
  });
});

describe('a spreadsheet with mistakes', () => {
  it('names every problem by sheet, row and column in Vietnamese', () => {
    const sheets = exampleSheets();
    const column = (name: string) => sheets.chi_tieu[0]!.indexOf(name);
    sheets.chi_tieu[6]![column('kieu')] = 'so_luong';
    sheets.chi_tieu[3]![column('ma')] = 'TONG_LD';
    sheets.chi_tieu[2]![column('bat_buoc')] = 'phai';
    sheets.chi_tieu[7]![column('cong_don')] = 'trung_binh';
    sheets.chi_tieu[4]![column('rang_buoc')] = 'nho hon TONG_LD';
    sheets.chi_tieu[5]![column('nho_nhat')] = 'mười';
    sheets.chi_tieu[2]![column('canh_bao_tang_giam')] = '-5';
    sheets.chi_tieu[10]![column('ma')] = 'ngay ky';
    sheets.cai_dat[1]![2] = null;
    expect(problems(sheets)).toEqual([
      "Trang 'cai_dat', dòng 2, cột 'ten_bieu_mau': chưa có tên biểu mẫu; cần tên biểu mẫu bằng tiếng Việt.",
      "Trang 'chi_tieu', dòng 3, cột 'bat_buoc': “phai” không hợp lệ; dùng co, khong, hoặc khi:MA (bắt buộc khi dòng có/không MA trả lời có).",
      "Trang 'chi_tieu', dòng 3, cột 'canh_bao_tang_giam': “-5” không hợp lệ; ghi số phần trăm nguyên, ví dụ 20.",
      "Trang 'chi_tieu', dòng 4, cột 'ma': mã “TONG_LD” đã dùng ở dòng 3.",
      "Trang 'chi_tieu', dòng 5, cột 'rang_buoc': “nho hon TONG_LD” không phải là một ràng buộc; viết như <= TONG_LD (các phép so sánh: <=, <, >=, >, =).",
      "Trang 'chi_tieu', dòng 6, cột 'nho_nhat': “mười” không phải là một số nguyên, ví dụ 0 hoặc 100.",
      "Trang 'chi_tieu', dòng 7, cột 'kieu': “so_luong” không phải là một kiểu; dùng một trong: so, tien, co_khong, ngay, chu, van_ban, khoi_doan_vien, khoi_doi_thoai.",
      "Trang 'chi_tieu', dòng 8, cột 'cong_don': “trung_binh” không hợp lệ; dùng tong, binh_quan_theo:MA, ty_le:MA_TU_SO/MA_MAU_SO, dem_co hoặc khong.",
      "Trang 'chi_tieu', dòng 11, cột 'ma': “ngay ky” không phải là mã hợp lệ: chữ HOA không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ, tối đa 40 ký tự (ví dụ TONG_LD).",
    ]);
  });

  it('names the cell of a row a rule, a roll-up or a condition points at that is missing or of the wrong kind', () => {
    const sheets = exampleSheets();
    const column = (name: string) => sheets.chi_tieu[0]!.indexOf(name);
    sheets.chi_tieu[3]![column('rang_buoc')] = '<= TONG_LAO_DONG';
    sheets.chi_tieu[6]![column('cong_don')] = 'binh_quan_theo:CO_TULDTT';
    sheets.chi_tieu[9]![column('bat_buoc')] = 'khi:TONG_LD';
    sheets.chi_tieu[11]![column('canh_bao')] = '<= KIEN_NGHI_NEU; >= NGAY_KY_TULDTT';
    sheets.chi_tieu[14]![column('canh_bao_tang_giam')] = 10;
    expect(problems(sheets)).toEqual([
      "Trang 'chi_tieu', dòng 4, cột 'rang_buoc': Không có dòng nào mang mã “TONG_LAO_DONG”.",
      "Trang 'chi_tieu', dòng 7, cột 'cong_don': Dòng “CO_TULDTT” không phải là số.",
      "Trang 'chi_tieu', dòng 10, cột 'bat_buoc': Dòng “TONG_LD” không có hoặc không phải là dòng có/không.",
      "Trang 'chi_tieu', dòng 12, cột 'canh_bao': Không so sánh được dòng này với dòng “NGAY_KY_TULDTT” (khác kiểu).",
      "Trang 'chi_tieu', dòng 15, cột 'canh_bao_tang_giam': Chỉ dòng là số hoặc tiền mới cảnh báo tăng, giảm so với kỳ trước.",
    ]);
  });

  it('names a missing sheet, an unknown or missing column, a second block and a section without a name', () => {
    expect(problems({ chi_tieu: exampleSheets().chi_tieu })).toEqual(["Trang 'cai_dat': không có trang này trong tệp."]);

    const renamed = exampleSheets();
    renamed.chi_tieu[0]![renamed.chi_tieu[0]!.indexOf('kieu')] = 'kieuu';
    expect(problems(renamed)).toEqual([
      "Trang 'chi_tieu', dòng 1, cột 'kieuu': không có cột này trong quy ước; các cột là: muc, tt, ma, noi_dung, don_vi, kieu, bat_buoc, nho_nhat, lon_nhat, cong_don, rang_buoc, canh_bao, giai_thich, canh_bao_tang_giam, cot_bang.",
      "Trang 'chi_tieu', dòng 1: thiếu cột 'kieu'.",
    ]);

    const twice = exampleSheets();
    twice.chi_tieu[13]![twice.chi_tieu[0]!.indexOf('kieu')] = 'khoi_doan_vien';
    twice.chi_tieu[14]![twice.chi_tieu[0]!.indexOf('muc')] = null;
    expect(problems(twice)).toEqual([
      "Trang 'chi_tieu', dòng 14, cột 'kieu': khối khoi_doan_vien đã có ở dòng 2.",
      "Trang 'chi_tieu', dòng 15, cột 'muc': dòng đầu của một mục cần tên mục.",
    ]);
  });
});

describe('the period table columns a form chooses (cot_bang)', () => {
  it('names a column word it does not know, a row that does not add up, and a column past the eighth', () => {
    const sheets = exampleSheets();
    const column = (name: string) => sheets.chi_tieu[0]!.indexOf(name);
    sheets.chi_tieu[3]![column('cot_bang')] = 'có thể';
    sheets.chi_tieu[9]![column('cot_bang')] = 'co';
    sheets.chi_tieu[14]![column('cot_bang')] = 'co';
    expect(problems(sheets)).toEqual([
      "Trang 'chi_tieu', dòng 4, cột 'cot_bang': “có thể” không hợp lệ; dùng co (dòng là một cột của bảng kỳ báo cáo) hoặc để trống.",
    ]);
    sheets.chi_tieu[3]![column('cot_bang')] = 'khong';
    expect(problems(sheets)).toEqual([
      "Trang 'chi_tieu', dòng 10, cột 'cot_bang': Chỉ dòng là số, tiền hoặc có/không và có cộng dồn mới làm cột của bảng kỳ báo cáo được.",
      "Trang 'chi_tieu', dòng 15, cột 'cot_bang': Chỉ dòng là số, tiền hoặc có/không và có cộng dồn mới làm cột của bảng kỳ báo cáo được.",
    ]);

    const many = exampleSheets();
    const numeric = [3, 4, 5, 6, 7, 8, 9, 11, 12, 13];
    for (const row of numeric) many.chi_tieu[row - 1]![column('cot_bang')] = 'co';
    expect(problems(many)).toEqual([12, 13].map((line) => `Trang 'chi_tieu', dòng ${line}, cột 'cot_bang': Bảng kỳ báo cáo có nhiều nhất 8 cột chọn từ biểu mẫu.`));
  });

  it('reads a file without the column as choosing none, as before', () => {
    const sheets = exampleSheets();
    const index = sheets.chi_tieu[0]!.indexOf('cot_bang');
    const without = { ...sheets, chi_tieu: sheets.chi_tieu.map((row) => row.filter((_, i) => i !== index)) };
    expect(formRows(parsed(without)).some((row) => 'tableColumn' in row)).toBe(false);
  });
});

describe('a definition written back as sheets', () => {
  it('reads back as the same definition', () => {
    const form = parsed(exampleSheets());
    const sheets = formToSheets(form);
    expect(parsed(sheets)).toStrictEqual(form);
    expect(formToSheets(parsed(sheets))).toStrictEqual(sheets);
  });

  it.each([PLAN94_FORM, MAU_1_HDCD_FORM])('keeps the built-in form $title, published, as the draft of its next edit', (form) => {
    expect(parsed(formToSheets(form))).toStrictEqual({ ...form, status: 'draft' });
  });

  it('writes the documented example cell for cell, but for the section name it does not repeat', () => {
    const example = exampleSheets();
    const written = formToSheets(parsed(example));
    expect(written.cai_dat).toEqual([example.cai_dat[0], ['vi-du-bao-cao-nam', 1, 'Báo cáo công tác công đoàn năm (ví dụ)', 'Hướng dẫn của LĐLĐ tỉnh (ví dụ)']]);
    const asText = (rows: SheetCell[][]) => rows.map((row) => row.map((cell) => (cell == null ? '' : String(cell))));
    expect(asText(written.chi_tieu)).toEqual(asText(example.chi_tieu));
  });
});
