import { describe, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { PLAN94_FORM } from '../../../src/domain/forms/builtin/plan94';
import { formDefinitionSchema, formRows } from '../../../src/domain/forms/definition';
import { formFromSheets } from '../../../src/domain/forms/spreadsheet';
import { rowSort, rowSortCode, tableColumns } from '../../../src/domain/forms/tableColumns';
import { exampleSheets } from './fixtures';

describe("a form's period table columns", () => {
  it('are the rows it chose, in its order, with the label as printed, the unit and the roll-up', () => {
    const result = formFromSheets(exampleSheets());
    if (!result.ok) throw new Error('the example does not read');
    expect(tableColumns(result.definition).map((column) => column.code)).toEqual(['TONG_LD', 'TY_LE_HDLD', 'LUONG_BQ', 'CO_TULDTT']);
    expect(tableColumns(result.definition)[1]).toEqual({
      code: 'TY_LE_HDLD',
      number: '4',
      label: 'Tỷ lệ lao động được ký hợp đồng lao động',
      unit: '%',
      kind: 'count',
      rollUp: { kind: 'ratio', numerator: 'LD_KY_HDLD', denominator: 'TONG_LD' },
    });
  });

  it("are the membership block's heart columns (none chosen) for Plan 94, and the first four counted rows of a form without the block", () => {
    expect(tableColumns(PLAN94_FORM)).toEqual([]);
    expect(tableColumns(MAU_1_HDCD_FORM).map((column) => column.code)).toEqual(
      formRows(MAU_1_HDCD_FORM)
        .filter((row) => row.rollUp.kind !== 'none')
        .slice(0, 4)
        .map((row) => row.code),
    );
  });

  it('keep a definition stored before them parsing, and refuse a column on a text row', () => {
    const stored = JSON.parse(JSON.stringify(MAU_1_HDCD_FORM));
    expect(formDefinitionSchema.safeParse(stored).success).toBe(true);
    const text = formRows(MAU_1_HDCD_FORM).find((row) => row.rollUp.kind === 'none');
    if (text) {
      for (const section of stored.sections) for (const row of section.rows ?? []) if (row.code === text.code) row.tableColumn = true;
      expect(formDefinitionSchema.safeParse(stored).success).toBe(false);
    }
  });

  it('sort as row:CODE', () => {
    expect(rowSort('TONG_LD')).toBe('row:TONG_LD');
    expect(rowSortCode('row:TONG_LD')).toBe('TONG_LD');
    expect(rowSortCode('members')).toBeNull();
  });
});
