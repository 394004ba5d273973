/**
 * A report of another form than Plan 94 (issue 22) written out for print: the form's rows in its own
 * order as one table per run of row sections (STT, Nội dung, Đơn vị, Số liệu; each section's title a
 * heading row across the table), its text rows as prose, and its built-in blocks as Plan 94 prints
 * them (the membership in sentences, the dialogue sessions in their table). Pure, like `reportBody`.
 */
import { isComputedRow, type FormDefinition, type FormRow, type FormValues } from '../../domain/forms/definition';
import { computedValue } from '../../domain/forms/rollup';
import { reportValues } from '../../domain/forms/reportForm';
import type { ReportDocument, UnionProfile } from '../../domain/report';
import { formatCount, formatIsoDate, formatRate } from '../i18n/format';
import { dialogueBlocks, membershipBlocks, periodPhrase, type BodyBlock, type TableBlock } from './reportBody';

const isText = (row: FormRow) => row.kind === 'shortText' || row.kind === 'longText';

/** A row's value as printed: `1.234`, `85,3 %`, `Có`, `01/05/2025`; empty when not given. */
export function printedValue(row: FormRow, values: FormValues): string {
  const value = isComputedRow(row) ? computedValue(row, values) : values[row.code];
  if (value == null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return row.unit === '%' && isComputedRow(row) ? formatRate(value).replace(' %', '\u00a0%') : formatCount(value);
  return row.kind === 'date' ? formatIsoDate(value) : value;
}

function rowsTable(testId: string): TableBlock {
  return {
    kind: 'table',
    testId,
    columns: [
      { label: 'STT', width: 5 },
      { label: 'Nội dung', width: 58 },
      { label: 'Đơn vị', width: 15 },
      { label: 'Số liệu', numeric: true, width: 22 },
    ],
    rows: [],
    headingRows: [],
  };
}

/** The summary line under `BÁO CÁO`: the form's title and the period. */
export function formSummaryLine(definition: FormDefinition, report: Pick<ReportDocument, 'period'>): string {
  return `${definition.title} ${periodPhrase(report.period)}`;
}

export function formReportBody(report: ReportDocument, definition: FormDefinition, profile: UnionProfile): BodyBlock[] {
  const values = reportValues(report);
  const blocks: BodyBlock[] = [];
  let table: TableBlock | null = null;
  let prose: BodyBlock[] = [];
  const endTable = () => {
    if (table && table.rows.length > 0) blocks.push(table);
    blocks.push(...prose);
    table = null;
    prose = [];
  };
  for (const section of definition.sections) {
    if (section.kind === 'block') {
      endTable();
      blocks.push({ kind: 'subheading', text: section.title });
      blocks.push(...(section.block === 'membership' ? membershipBlocks(report, profile) : dialogueBlocks(report)));
      continue;
    }
    const current: TableBlock = table ?? rowsTable('form-table');
    table = current;
    const figures = section.rows.filter((row) => !isText(row));
    if (figures.length > 0) {
      (current.headingRows as number[]).push(current.rows.length);
      current.rows.push([section.title]);
      for (const row of figures) current.rows.push([row.number ?? '', row.label, row.unit ?? '', printedValue(row, values)]);
    }
    for (const row of section.rows.filter(isText)) {
      const text = printedValue(row, values).trim();
      prose.push({ kind: 'paragraph', text: `${row.number ? `${row.number}. ` : ''}${row.label}: ${text || 'chưa có nội dung.'}` });
    }
  }
  endTable();
  const notes = Object.entries(report.valueNotes ?? {}).filter(([, note]) => note.trim() !== '');
  if (notes.length > 0) {
    const labels = new Map(definition.sections.flatMap((section) => (section.kind === 'rows' ? section.rows : [])).map((row) => [row.code, row.label]));
    blocks.push({ kind: 'subheading', text: 'Giải trình số liệu' });
    for (const [code, note] of notes) blocks.push({ kind: 'paragraph', text: `Về “${labels.get(code) ?? code}”: ${note.trim()}` });
  }
  const union = profile.unionName.trim() || 'công đoàn cơ sở';
  blocks.push({ kind: 'paragraph', text: `Trên đây là báo cáo ${periodPhrase(report.period)} của ${union}./.` });
  return blocks;
}
