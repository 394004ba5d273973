/**
 * A report's row values as the store keeps them for roll-ups (migration 0021_reports_by_form): one row
 * per answered numeric or yes/no row of its form, beside the report's form and period, so that a
 * node's roll-up of a form is one aggregate query over this table (issue 22). Texts and dates stay in
 * the document only: they do not add up. A ratio row is not stored: it is worked out from the sums of
 * its two rows. A row added up as a weighted mean carries its weight (the other row's value in the
 * same report), so that the mean is Σ(number × weight) ÷ Σ weight.
 */
import { formRows, isComputedRow, type FormDefinition, type FormRow } from '../../domain/forms/definition';
import { PLAN94_FORM } from '../../domain/forms/builtin/plan94';
import { reportFormRef, reportValues } from '../../domain/forms/reportForm';
import type { ReportDocument } from '../../domain/report';
import type { Queries, ReportValuesTable } from './schema';

/** The rows of a form that are stored (numeric and yes/no, not computed), with the weight's code; once per definition. */
const storedRows = new WeakMap<FormDefinition, readonly { code: string; weight: string | null }[]>();
function storedRowsOf(definition: FormDefinition): readonly { code: string; weight: string | null }[] {
  let rows = storedRows.get(definition);
  if (!rows) {
    const stored = (row: FormRow) => !isComputedRow(row) && (row.kind === 'count' || row.kind === 'money' || row.kind === 'yesNo');
    rows = formRows(definition)
      .filter(stored)
      .map((row) => ({ code: row.code, weight: row.rollUp.kind === 'weightedMean' ? row.rollUp.weight : null }));
    storedRows.set(definition, rows);
  }
  return rows;
}

function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'boolean' ? (value ? 1 : 0) : null;
}

/** The rows to store for one report; `definition` is the form the report answers (Plan 94 when it names none). */
export function formValueRows(
  reportId: string,
  document: ReportDocument,
  period: { year: number; kind: string },
  definition: FormDefinition = PLAN94_FORM,
): ReportValuesTable[] {
  const values = reportValues(document);
  const formId = reportFormRef(document).id;
  const rows: ReportValuesTable[] = [];
  for (const row of storedRowsOf(definition)) {
    const number = asNumber(values[row.code]);
    if (number === null) continue;
    const weight = row.weight === null ? null : asNumber(values[row.weight]);
    rows.push({ report_id: reportId, code: row.code, form_id: formId, year: period.year, kind: period.kind, number, weight });
  }
  return rows;
}

/** Replaces the stored values of a report, in the caller's transaction (the push's). */
export async function replaceReportValues(q: Queries, reportId: string, rows: readonly ReportValuesTable[]): Promise<void> {
  await q.deleteFrom('report_values').where('report_id', '=', reportId).execute();
  for (let start = 0; start < rows.length; start += 500) await q.insertInto('report_values').values(rows.slice(start, start + 500)).execute();
}
