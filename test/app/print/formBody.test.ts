import { describe, expect, it } from 'vitest';
import { formReportBody, formSummaryLine } from '../../../src/app/print/formBody';
import type { BodyBlock, TableBlock } from '../../../src/app/print/reportBody';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import type { FormDefinition } from '../../../src/domain/forms/definition';
import { emptyReport } from '../../../src/domain/report';
import { fullProfile, numberedSession } from '../../domain/fixtures';

const report = (values: Record<string, number | string | boolean | null>) => ({
  ...emptyReport('7a1c6f52-9d8e-4b7a-a1f0-2c3d4e5f6a7b', { year: 2025, kind: 'yearly' }, '2025-11-01T08:00:00.000Z'),
  form: { id: MAU_1_HDCD_FORM.id, version: 1 },
  values,
  valueNotes: {},
});
const tables = (blocks: BodyBlock[]) => blocks.filter((b): b is TableBlock => b.kind === 'table');

describe('a form report written out for print (issue 22)', () => {
  it('prints Mẫu 1-HĐCĐ as one table in form order, section titles as heading rows, figures in vi-VN', () => {
    const blocks = formReportBody(report({ TONG_LD: 1234, LD_NU: 600, NO_LUONG: 15_000_000 }), MAU_1_HDCD_FORM, fullProfile());
    const [table] = tables(blocks);
    expect(table?.columns.map((column) => column.label)).toEqual(['STT', 'Nội dung', 'Đơn vị', 'Số liệu']);
    expect(table?.rows[0]).toEqual(['I. Tình hình lao động – 1. Lao động']);
    expect(table?.headingRows).toEqual([0, 3, 6, 10, 13]);
    expect(table?.rows[1]).toEqual(['1', 'Tổng số lao động', 'người', '1.234']);
    expect(table?.rows[2]).toEqual(['2', '– Trong đó: nữ', 'người', '600']);
    expect(table?.rows.find((row) => row[1]?.startsWith('Tổng số tiền'))?.[3]).toBe('15.000.000');
    expect(formSummaryLine(MAU_1_HDCD_FORM, { period: { year: 2025, kind: 'yearly' } })).toBe('Mẫu 1-HĐCĐ — Báo cáo hoạt động công đoàn cơ sở năm 2025');
  });

  it('prints text rows as prose, blocks as Plan 94 prints them, and the explanations given', () => {
    const definition: FormDefinition = {
      id: 'bao-cao-tinh',
      version: 1,
      title: 'Báo cáo của tỉnh',
      status: 'published',
      sections: [
        { kind: 'block', title: 'Đoàn viên', block: 'membership' },
        {
          kind: 'rows',
          title: 'Hoạt động',
          rows: [
            { code: 'SO_BUOI', number: '1', label: 'Số buổi sinh hoạt', unit: 'buổi', kind: 'count', required: false, rollUp: { kind: 'sum' }, rules: [] },
            { code: 'GHI_CHU', number: '2', label: 'Đánh giá chung', kind: 'longText', required: false, rollUp: { kind: 'none' }, rules: [] },
          ],
        },
        { kind: 'block', title: 'Đối thoại', block: 'dialogues' },
      ],
    };
    const document = { ...report({ SO_BUOI: 4, GHI_CHU: 'Hoạt động sôi nổi.' }), valueNotes: { SO_BUOI: 'Tăng do có thêm tổ công đoàn.' } };
    document.membership.workers = 100;
    document.membership.members = 85;
    document.dialogues = [numberedSession(1)];
    const blocks = formReportBody(document, definition, fullProfile());
    const text = blocks.filter((b) => b.kind !== 'table').map((b) => (b as { text: string }).text);
    expect(text).toContain('Đoàn viên');
    expect(text.some((line) => line.includes('85,0\u00a0%'))).toBe(true);
    expect(text).toContain('2. Đánh giá chung: Hoạt động sôi nổi.');
    expect(text).toContain('Về “Số buổi sinh hoạt”: Tăng do có thêm tổ công đoàn.');
    expect(tables(blocks).map((table) => table.testId)).toEqual(['form-table', 'dialogue-table']);
    expect(text.at(-1)).toMatch(/^Trên đây là báo cáo năm 2025 của .+\.\/\.$/);
  });
});
