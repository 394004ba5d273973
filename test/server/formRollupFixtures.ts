/**
 * Report forms and reports of them for the roll-up's tests and bench (issue 22): a form of any number
 * of rows mixing counts, money, yes/no, a weighted mean and a ratio (and a text row), and reports of
 * it written straight into a store with their values (store/reportValues.ts), as a push stores them.
 */
import { randomUUID } from 'node:crypto';
import type { FormDefinition, FormRow, FormValues } from '../../src/domain/forms/definition';
import { emptyReport } from '../../src/domain/report';
import type { ReviewDecision } from '../../src/domain/sync';
import { formValueRows, replaceReportValues } from '../../src/server/store/reportValues';
import { addContribution, addToValueSums, changedSums, isCounted } from '../../src/server/store/reportValueSums';
import { insertReport } from '../../src/server/store/reports';
import type { Queries, ReportValueSumsTable } from '../../src/server/store/schema';
import type { Store } from '../../src/server/store/store';

const row = (code: string, label: string, kind: FormRow['kind'], rollUp: FormRow['rollUp'], extra: Partial<FormRow> = {}): FormRow => ({
  code,
  label,
  kind,
  required: false,
  rollUp,
  rules: [],
  ...extra,
});

/**
 * A published form of `rows` rows (at least 6): workers and members, their ratio (the unionization
 * rate, in %), an average wage weighted by the workers, a text row, then counts, money and yes/no
 * rows in turn.
 */
export function rollupTestForm(id: string, rows = 12): FormDefinition {
  const fixed: FormRow[] = [
    row('TONG_LD', 'Tổng số lao động', 'count', { kind: 'sum' }, { number: '1', unit: 'người' }),
    row('DOAN_VIEN', 'Số đoàn viên', 'count', { kind: 'sum' }, { number: '2', unit: 'người' }),
    row('TY_LE_DV', 'Tỷ lệ đoàn viên trên lao động', 'count', { kind: 'ratio', numerator: 'DOAN_VIEN', denominator: 'TONG_LD' }, { number: '3', unit: '%' }),
    row('LUONG_TB', 'Tiền lương bình quân', 'money', { kind: 'weightedMean', weight: 'TONG_LD' }, { number: '4', unit: 'đồng' }),
    row('GHI_CHU', 'Ghi chú', 'shortText', { kind: 'none' }, { number: '5' }),
  ];
  const more = Array.from({ length: Math.max(1, rows - fixed.length) }, (_, i): FormRow => {
    const number = String(fixed.length + i + 1);
    const code = `CHI_TIEU_${number}`;
    if (i % 3 === 0) return row(code, `Số cuộc đối thoại loại ${number}`, 'count', { kind: 'sum' }, { number, unit: 'cuộc' });
    if (i % 3 === 1) return row(code, `Kinh phí chi mục ${number}`, 'money', { kind: 'sum' }, { number, unit: 'đồng' });
    return row(code, `Có tổ chức hoạt động ${number} không`, 'yesNo', { kind: 'countYes' }, { number });
  });
  return {
    id,
    version: 1,
    title: 'Báo cáo tổng hợp thử nghiệm',
    status: 'published',
    sections: [
      { kind: 'rows', title: 'I. Lao động và đoàn viên', rows: fixed },
      { kind: 'rows', title: 'II. Hoạt động', rows: more },
    ],
  };
}

/** Values for every row, some left empty, from `random` (0 ≤ x < 1). */
export function randomValues(definition: FormDefinition, random: () => number): FormValues {
  const values: FormValues = {};
  for (const section of definition.sections) {
    if (section.kind !== 'rows') continue;
    for (const each of section.rows) {
      if (each.rollUp.kind === 'ratio' || random() < 0.15) continue;
      if (each.kind === 'yesNo') values[each.code] = random() < 0.5;
      else if (each.kind === 'shortText') values[each.code] = random() < 0.5 ? 'Đã thực hiện' : ' ';
      // Now and then a zero or negative figure: a weight that must not count, a denominator that must not.
      else values[each.code] = random() < 0.08 ? (random() < 0.5 ? 0 : -3) : Math.floor(random() * (each.kind === 'money' ? 9_000_000 : 500));
    }
  }
  return values;
}

export interface FormReportToWrite {
  unionId: string;
  /** Where it was filed; null: a draft never sent. */
  superiorId: string | null;
  values: FormValues;
  status: 'draft' | 'ready';
  review?: ReviewDecision['status'];
  year?: number;
}

/**
 * Writes a report of the form with its values, in the caller's transaction (`store.db.transaction()`):
 * no push, as the push of form reports is another change's.
 */
export async function writeFormReport(q: Queries, definition: FormDefinition, report: FormReportToWrite): Promise<string> {
  const at = '2025-12-01T00:00:00.000Z';
  const period = { year: report.year ?? 2025, kind: 'yearly' as const };
  const document = { ...emptyReport(randomUUID(), period, at), status: report.status, form: { id: definition.id, version: definition.version }, values: report.values };
  const review: ReviewDecision | null = report.review ? { status: report.review, comment: '', decidedAt: at } : null;
  await insertReport(q, {
    id: document.id,
    unionId: report.unionId,
    year: period.year,
    kind: period.kind,
    revision: 1,
    documentJson: JSON.stringify(document),
    reviewJson: review && JSON.stringify(review),
    savedAt: at,
    createdAt: at,
    changeSeq: 1,
    superiorId: report.superiorId,
  });
  // As the push keeps them: the values and running sums of a counted report only.
  if (report.superiorId !== null && isCounted({ superiorId: report.superiorId, ready: report.status === 'ready', reviewed: review !== null })) {
    const rows = formValueRows(document.id, document, period, definition);
    await replaceReportValues(q, document.id, rows);
    const sums = new Map<string, ReportValueSumsTable>();
    addContribution(sums, report.superiorId, rows, definition, 1);
    await addToValueSums(q, changedSums(sums));
  }
  return document.id;
}

/** Stores the form as its node's, published unless told (a draft then). */
export async function storeTestForm(store: Store, definition: FormDefinition, nodeId: string, published = true): Promise<void> {
  const at = '2025-11-01T00:00:00.000Z';
  await store.write(async (tx) => {
    await tx.insertFormDraft({ code: definition.id, version: definition.version, title: definition.title, definitionJson: JSON.stringify({ ...definition, status: 'draft' }), nodeId, createdAt: at, createdBy: { staffId: null, username: 'admin' } });
    if (published) await tx.publishForm(definition.id, definition.version, JSON.stringify(definition), { at, staffId: null, username: 'admin' });
  });
}

/** Numbers in [0, 1) that are the same on every run for a seed. */
export function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
