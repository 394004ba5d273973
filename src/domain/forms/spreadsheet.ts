/**
 * A form authored in a spreadsheet, in the convention docs/forms.md sets out (like the survey tools'
 * XLSForm, in Vietnamese): a sheet `chi_tieu` of rows and a sheet `cai_dat` of settings. This module
 * takes sheets already read (rows of cell values: the app and the server read the file with a
 * library), and gives the definition or every problem named by sheet, row and column in Vietnamese;
 * and back, a definition as the same sheets, so a published form downloads as the spreadsheet that
 * starts its next version.
 */
import {
  BUILTIN_BLOCKS,
  definitionProblems,
  FORM_ID,
  formDefinitionSchema,
  ROW_CODE,
  ROW_KINDS,
  RULE_OPERATORS,
  type BuiltinBlock,
  type FormDefinition,
  type FormRow,
  type FormSection,
  type RollUp,
  type RowField,
  type RowKind,
  type RowRule,
} from './definition';

export type SheetCell = string | number | boolean | Date | null | undefined;
export type SheetRows = readonly (readonly SheetCell[])[];
/** Sheets by name, each a list of rows, the first row its column names. */
export type FormSheets = Readonly<Record<string, SheetRows>>;

export const ROWS_SHEET = 'chi_tieu';
export const SETTINGS_SHEET = 'cai_dat';

/** The rows sheet's columns, in the order a download writes them. */
export const ROW_COLUMNS = [
  'muc',
  'tt',
  'ma',
  'noi_dung',
  'don_vi',
  'kieu',
  'bat_buoc',
  'nho_nhat',
  'lon_nhat',
  'cong_don',
  'rang_buoc',
  'canh_bao',
  'giai_thich',
  'canh_bao_tang_giam',
  'cot_bang',
] as const;
type RowColumn = (typeof ROW_COLUMNS)[number];
export const SETTINGS_COLUMNS = ['ma_bieu_mau', 'phien_ban', 'ten_bieu_mau', 'can_cu'] as const;
type SettingsColumn = (typeof SETTINGS_COLUMNS)[number];

export const KIND_WORDS: Record<RowKind, string> = {
  count: 'so',
  money: 'tien',
  yesNo: 'co_khong',
  date: 'ngay',
  shortText: 'chu',
  longText: 'van_ban',
};
export const BLOCK_WORDS: Record<BuiltinBlock, string> = { membership: 'khoi_doan_vien', dialogues: 'khoi_doi_thoai' };

export interface SheetProblem {
  sheet: string;
  /** As the spreadsheet numbers it: the column names are row 1. */
  row?: number;
  column?: string;
  message: string;
}

/** `Trang 'chi_tieu', dòng 7, cột 'kieu': …` */
export function problemText({ sheet, row, column, message }: SheetProblem): string {
  const where = [`Trang '${sheet}'`, row === undefined ? '' : `dòng ${row}`, column === undefined ? '' : `cột '${column}'`];
  return `${where.filter(Boolean).join(', ')}: ${message}`;
}

export type FormFromSheets = { ok: true; definition: FormDefinition } | { ok: false; problems: SheetProblem[] };

function cellText(cell: SheetCell): string {
  if (cell == null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'boolean') return cell ? 'co' : 'khong';
  return String(cell).trim();
}

const list = (words: readonly string[]) => words.join(', ');

/** A sheet's column names → their index, with a problem for each unknown or repeated one. */
function readHeader(sheet: string, header: readonly SheetCell[], known: readonly string[], problems: SheetProblem[]): Map<string, number> {
  const columns = new Map<string, number>();
  header.forEach((cell, index) => {
    const name = cellText(cell).toLowerCase();
    if (name === '') return;
    if (!known.includes(name))
      problems.push({ sheet, row: 1, column: name, message: `không có cột này trong quy ước; các cột là: ${list(known)}.` });
    else if (columns.has(name)) problems.push({ sheet, row: 1, column: name, message: 'cột này có hai lần.' });
    else columns.set(name, index);
  });
  return columns;
}

const WHOLE_NUMBER = /^-?\d+$/;
function readNumber(cell: SheetCell): number | null {
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  const text = cellText(cell);
  return WHOLE_NUMBER.test(text) ? Number(text) : null;
}

const SETTINGS_HINTS: Record<SettingsColumn, string> = {
  ma_bieu_mau: 'chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ mau-1-hdcd',
  phien_ban: 'một số nguyên từ 1, ví dụ 1',
  ten_bieu_mau: 'tên biểu mẫu bằng tiếng Việt',
  can_cu: '',
};

function readSettings(rows: SheetRows | undefined, problems: SheetProblem[]): Pick<FormDefinition, 'id' | 'version' | 'title' | 'basis'> | null {
  const sheet = SETTINGS_SHEET;
  if (!rows) {
    problems.push({ sheet, message: 'không có trang này trong tệp.' });
    return null;
  }
  const columns = readHeader(sheet, rows[0] ?? [], SETTINGS_COLUMNS, problems);
  const values = rows[1] ?? [];
  const at = (column: SettingsColumn) => (columns.has(column) ? values[columns.get(column)!] : undefined);
  const bad = (column: SettingsColumn, what: string) =>
    problems.push({ sheet, row: 2, column, message: `${what}; cần ${SETTINGS_HINTS[column]}.` });

  const id = cellText(at('ma_bieu_mau'));
  if (!FORM_ID.test(id)) bad('ma_bieu_mau', id === '' ? 'chưa có mã biểu mẫu' : `“${id}” không phải là mã biểu mẫu hợp lệ`);
  const version = readNumber(at('phien_ban'));
  if (version === null || version < 1 || version > 10_000) bad('phien_ban', 'phiên bản không hợp lệ');
  const title = cellText(at('ten_bieu_mau'));
  if (title === '') bad('ten_bieu_mau', 'chưa có tên biểu mẫu');
  const basis = cellText(at('can_cu'));
  return { id, version: version ?? 1, title, ...(basis ? { basis } : {}) };
}

const RULE = /^(<=|>=|<|>|=|≤|≥)\s*([A-Za-z0-9_]+)$/;
const ROLL_UP = /^(tong|dem_co|khong|binh_quan_theo:\s*([A-Za-z0-9_]+)|ty_le:\s*([A-Za-z0-9_]+)\s*\/\s*([A-Za-z0-9_]+))$/;

function defaultRollUp(kind: RowKind): RollUp {
  if (kind === 'count' || kind === 'money') return { kind: 'sum' };
  return kind === 'yesNo' ? { kind: 'countYes' } : { kind: 'none' };
}

function rollUpWords(rollUp: RollUp): string {
  switch (rollUp.kind) {
    case 'sum':
      return 'tong';
    case 'weightedMean':
      return `binh_quan_theo:${rollUp.weight}`;
    case 'ratio':
      return `ty_le:${rollUp.numerator}/${rollUp.denominator}`;
    case 'countYes':
      return 'dem_co';
    case 'none':
      return 'khong';
  }
}

/** Where each row of the definition came from, to name the cell of a problem found later. */
interface RowSource {
  line: number;
  ruleColumns: RowColumn[];
  hasMin: boolean;
}

const FIELD_COLUMNS: Record<Exclude<RowField, 'rules' | 'limits'>, RowColumn> = {
  code: 'ma',
  kind: 'kieu',
  requiredIf: 'bat_buoc',
  rollUp: 'cong_don',
  changeWarning: 'canh_bao_tang_giam',
  tableColumn: 'cot_bang',
};

export function formFromSheets(sheets: FormSheets): FormFromSheets {
  const problems: SheetProblem[] = [];
  const settings = readSettings(sheets[SETTINGS_SHEET], problems);
  const sheet = ROWS_SHEET;
  const rows = sheets[sheet];
  if (!rows) problems.push({ sheet, message: 'không có trang này trong tệp.' });
  const headerProblems: SheetProblem[] = [];
  const columns = readHeader(sheet, rows?.[0] ?? [], ROW_COLUMNS, headerProblems);
  for (const column of ['ma', 'noi_dung', 'kieu'] as const)
    if (rows && !columns.has(column)) headerProblems.push({ sheet, row: 1, message: `thiếu cột '${column}'.` });
  problems.push(...headerProblems);
  // Without its columns the rows sheet cannot be read; the settings' own problems are still worth naming with the rows'.
  if (!rows || !settings || headerProblems.length > 0) return { ok: false, problems };

  const sections: FormSection[] = [];
  const sources = new Map<string, RowSource>();
  const blockLines = new Map<BuiltinBlock, number>();
  let current: Extract<FormSection, { kind: 'rows' }> | null = null;

  rows.slice(1).forEach((cells, index) => {
    const line = index + 2;
    const text = (column: RowColumn) => (columns.has(column) ? cellText(cells[columns.get(column)!]) : '');
    const cell = (column: RowColumn) => (columns.has(column) ? cells[columns.get(column)!] : undefined);
    const problem = (column: RowColumn, message: string) => problems.push({ sheet, row: line, column, message });
    if (ROW_COLUMNS.every((column) => text(column) === '')) return;

    const section = text('muc');
    const kindWord = text('kieu');
    const block = BUILTIN_BLOCKS.find((b) => BLOCK_WORDS[b] === kindWord);
    if (block) {
      if (section === '') problem('muc', 'khối dựng sẵn cần tên mục.');
      if (blockLines.has(block)) problem('kieu', `khối ${kindWord} đã có ở dòng ${blockLines.get(block)}.`);
      blockLines.set(block, line);
      sections.push({ kind: 'block', title: section, block });
      current = null;
      return;
    }

    const kind = ROW_KINDS.find((k) => KIND_WORDS[k] === kindWord);
    if (!kind)
      problem(
        'kieu',
        kindWord === ''
          ? `cần có kiểu; dùng một trong: ${list([...Object.values(KIND_WORDS), ...Object.values(BLOCK_WORDS)])}.`
          : `“${kindWord}” không phải là một kiểu; dùng một trong: ${list([...Object.values(KIND_WORDS), ...Object.values(BLOCK_WORDS)])}.`,
      );
    const code = text('ma');
    if (code === '') problem('ma', 'cần có mã.');
    else if (!ROW_CODE.test(code))
      problem('ma', `“${code}” không phải là mã hợp lệ: chữ HOA không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ, tối đa 40 ký tự (ví dụ TONG_LD).`);
    else if (sources.has(code)) problem('ma', `mã “${code}” đã dùng ở dòng ${sources.get(code)!.line}.`);
    const label = text('noi_dung');
    if (label === '') problem('noi_dung', 'cần có nội dung (tên dòng như in trên mẫu).');

    const requiredWords = text('bat_buoc');
    const requiredIf = /^khi:\s*([A-Za-z0-9_]+)$/.exec(requiredWords)?.[1];
    if (!['', 'co', 'khong'].includes(requiredWords) && requiredIf === undefined)
      problem('bat_buoc', `“${requiredWords}” không hợp lệ; dùng co, khong, hoặc khi:MA (bắt buộc khi dòng có/không MA trả lời có).`);

    const limit = (column: 'nho_nhat' | 'lon_nhat'): number | undefined => {
      if (text(column) === '') return undefined;
      const value = readNumber(cell(column));
      if (value === null) problem(column, `“${text(column)}” không phải là một số nguyên, ví dụ 0 hoặc 100.`);
      return value ?? undefined;
    };
    const min = limit('nho_nhat');
    const max = limit('lon_nhat');

    const rollUpText = text('cong_don');
    let rollUp: RollUp = defaultRollUp(kind ?? 'shortText');
    if (rollUpText !== '') {
      const match = ROLL_UP.exec(rollUpText);
      if (!match)
        problem('cong_don', `“${rollUpText}” không hợp lệ; dùng tong, binh_quan_theo:MA, ty_le:MA_TU_SO/MA_MAU_SO, dem_co hoặc khong.`);
      else if (match[2]) rollUp = { kind: 'weightedMean', weight: match[2] };
      else if (match[3] && match[4]) rollUp = { kind: 'ratio', numerator: match[3], denominator: match[4] };
      else rollUp = { kind: ({ tong: 'sum', dem_co: 'countYes', khong: 'none' } as const)[match[1] as 'tong' | 'dem_co' | 'khong'] };
    }

    const rules: RowRule[] = [];
    const ruleColumns: RowColumn[] = [];
    for (const [column, severity] of [
      ['rang_buoc', 'error'],
      ['canh_bao', 'warning'],
    ] as const) {
      for (const part of text(column).split(';').map((p) => p.trim()).filter(Boolean)) {
        const match = RULE.exec(part);
        if (!match) {
          problem(column, `“${part}” không phải là một ràng buộc; viết như <= TONG_LD (các phép so sánh: ${list(RULE_OPERATORS)}).`);
          continue;
        }
        const operator = ({ '≤': '<=', '≥': '>=' } as Record<string, RowRule['operator']>)[match[1]!] ?? (match[1] as RowRule['operator']);
        rules.push({ operator, other: match[2]!, severity });
        ruleColumns.push(column);
      }
    }

    let changeWarning: number | undefined;
    const changeText = text('canh_bao_tang_giam').replace(/\s*%$/, '');
    if (changeText !== '') {
      const percent = readNumber(changeText);
      if (percent === null || percent <= 0 || percent > 1000)
        problem('canh_bao_tang_giam', `“${text('canh_bao_tang_giam')}” không hợp lệ; ghi số phần trăm nguyên, ví dụ 20.`);
      else changeWarning = percent / 100;
    }

    const tableColumnWords = text('cot_bang');
    if (!['', 'co', 'khong'].includes(tableColumnWords)) problem('cot_bang', `“${tableColumnWords}” không hợp lệ; dùng co (dòng là một cột của bảng kỳ báo cáo) hoặc để trống.`);

    if (section !== '' && section !== current?.title) {
      current = { kind: 'rows', title: section, rows: [] };
      sections.push(current);
    } else if (!current) problem('muc', 'dòng đầu của một mục cần tên mục.');
    if (!kind || !current) return;

    const optional = (column: RowColumn) => (text(column) ? text(column) : undefined);
    const row: FormRow = {
      code,
      ...(optional('tt') !== undefined ? { number: optional('tt') } : {}),
      label,
      ...(optional('don_vi') !== undefined ? { unit: optional('don_vi') } : {}),
      kind,
      required: requiredWords === 'co',
      ...(requiredIf !== undefined ? { requiredIf } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      rollUp,
      rules,
      ...(optional('giai_thich') !== undefined ? { ruleExplanation: optional('giai_thich') } : {}),
      ...(changeWarning !== undefined ? { changeWarning } : {}),
      ...(tableColumnWords === 'co' ? { tableColumn: true } : {}),
    };
    current.rows.push(row);
    if (!sources.has(code)) sources.set(code, { line, ruleColumns, hasMin: min !== undefined });
  });

  if (sections.length === 0) problems.push({ sheet, message: 'biểu mẫu chưa có dòng nào.' });
  if (problems.length > 0) return { ok: false, problems };

  const definition: FormDefinition = { ...settings, status: 'draft', sections };
  for (const found of definitionProblems(definition)) {
    const source = sources.get(found.rowCode);
    const column =
      found.field === 'rules'
        ? (source?.ruleColumns[found.ruleIndex ?? 0] ?? 'rang_buoc')
        : found.field === 'limits'
          ? source?.hasMin
            ? 'nho_nhat'
            : 'lon_nhat'
          : FIELD_COLUMNS[found.field];
    problems.push({ sheet, ...(source ? { row: source.line } : {}), column, message: found.message });
  }
  if (problems.length > 0) return { ok: false, problems };

  const parsed = formDefinitionSchema.safeParse(definition);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => ({ sheet, message: issue.message })) };
  return { ok: true, definition: parsed.data };
}

/** The definition as the two sheets `formFromSheets` reads back to the same definition (as a draft). */
export function formToSheets(definition: FormDefinition): Record<typeof ROWS_SHEET | typeof SETTINGS_SHEET, SheetCell[][]> {
  const rows: SheetCell[][] = [[...ROW_COLUMNS]];
  const line = (cells: Partial<Record<RowColumn, SheetCell>>) => rows.push(ROW_COLUMNS.map((column) => cells[column] ?? null));
  const rules = (row: FormRow, severity: RowRule['severity']) =>
    row.rules
      .filter((rule) => rule.severity === severity)
      .map((rule) => `${rule.operator} ${rule.other}`)
      .join('; ') || null;

  for (const section of definition.sections) {
    if (section.kind === 'block') {
      line({ muc: section.title, kieu: BLOCK_WORDS[section.block] });
      continue;
    }
    section.rows.forEach((row, index) =>
      line({
        muc: index === 0 ? section.title : null,
        tt: row.number,
        ma: row.code,
        noi_dung: row.label,
        don_vi: row.unit,
        kieu: KIND_WORDS[row.kind],
        bat_buoc: row.requiredIf !== undefined ? `khi:${row.requiredIf}` : row.required ? 'co' : 'khong',
        nho_nhat: row.min,
        lon_nhat: row.max,
        cong_don: rollUpWords(row.rollUp),
        rang_buoc: rules(row, 'error'),
        canh_bao: rules(row, 'warning'),
        giai_thich: row.ruleExplanation,
        canh_bao_tang_giam: row.changeWarning === undefined ? null : Number((row.changeWarning * 100).toFixed(6)),
        cot_bang: row.tableColumn ? 'co' : null,
      }),
    );
  }
  return {
    [ROWS_SHEET]: rows,
    [SETTINGS_SHEET]: [[...SETTINGS_COLUMNS], [definition.id, definition.version, definition.title, definition.basis ?? null]],
  };
}
