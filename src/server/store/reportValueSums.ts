/**
 * Running sums of the form roll-ups (migration 0023_report_value_sums, issue 22): per node the
 * reports were filed under (`reports.superior_id`), form, period and row code, what a roll-up adds up
 * over the counted reports, so that a node's roll-up reads at most nodes × rows sums, never every value
 * of every report (bench/formRollups.ts).
 *
 * A report's contribution is its stored values (./reportValues.ts, kept for counted reports only) as
 * store/formRollups.ts once added them up: per row, one report and Σ number; for a weighted mean's row
 * with a positive weight, one weighted report, Σ number × weight and Σ weight; for a ratio row (never a
 * stored value) one pair when the report gave both rows and a positive denominator, Σ numerator in
 * `total` and Σ denominator in `weight`. The push applies new − old as deltas in its own transaction.
 *
 * The sums are doubles: whole numbers (counts, money in đồng) stay exact up to 2^53 (~9·10^15), far
 * above any province's total, so adding and taking away a report leaves them exactly as a fresh sum.
 */
import type { FormDefinition } from '../../domain/forms/definition';
import type { Queries, ReportValueSumsTable, ReportValuesTable } from './schema';

/** A counted report as the roll-ups have it: filed under a superior, and ready or decided on. */
export function isCounted(report: { superiorId: string | null; ready: boolean; reviewed: boolean }): boolean {
  return report.superiorId !== null && (report.ready || report.reviewed);
}

/** A form's ratio rows (code, numerator, denominator), once per definition: definitions never change. */
const ratios = new WeakMap<FormDefinition, readonly { code: string; numerator: string; denominator: string }[]>();
export function ratioRows(definition: FormDefinition): readonly { code: string; numerator: string; denominator: string }[] {
  let found = ratios.get(definition);
  if (!found) {
    const list: { code: string; numerator: string; denominator: string }[] = [];
    for (const section of definition.sections) {
      if (section.kind !== 'rows') continue;
      for (const row of section.rows) if (row.rollUp.kind === 'ratio') list.push({ code: row.code, numerator: row.rollUp.numerator, denominator: row.rollUp.denominator });
    }
    ratios.set(definition, (found = list));
  }
  return found;
}

/** Adds `sign` × one report's contribution (its stored `values`, filed under `nodeId`) into `into`. */
export function addContribution(into: Map<string, ReportValueSumsTable>, nodeId: string, values: readonly ReportValuesTable[], definition: FormDefinition, sign: 1 | -1): void {
  const add = (head: ReportValuesTable, code: string, total: number, weighted: boolean, product: number, weight: number) => {
    const key = nodeId + '\u0000' + head.form_id + '\u0000' + head.year + '\u0000' + head.kind + '\u0000' + code;
    let sums = into.get(key);
    if (!sums) {
      sums = { node_id: nodeId, form_id: head.form_id, year: head.year, kind: head.kind, code, reports: 0, total: 0, weighted_reports: 0, weighted: 0, weight: 0 };
      into.set(key, sums);
    }
    sums.reports += sign;
    sums.total += sign * total;
    if (weighted) {
      sums.weighted_reports += sign;
      sums.weighted += sign * product;
    }
    sums.weight += sign * weight;
  };
  for (const value of values) {
    const weighted = value.weight !== null && value.weight > 0;
    add(value, value.code, value.number, weighted, weighted ? value.number * (value.weight as number) : 0, weighted ? (value.weight as number) : 0);
  }
  for (const ratio of ratioRows(definition)) {
    const numerator = values.find((value) => value.code === ratio.numerator);
    const denominator = values.find((value) => value.code === ratio.denominator);
    if (!numerator || !denominator || !(denominator.number > 0)) continue;
    add(numerator, ratio.code, numerator.number, false, 0, denominator.number);
  }
}

/** The sums that changed (a zero delta is no write). */
export function changedSums(deltas: Map<string, ReportValueSumsTable>): ReportValueSumsTable[] {
  return [...deltas.values()].filter((row) => row.reports !== 0 || row.total !== 0 || row.weighted_reports !== 0 || row.weighted !== 0 || row.weight !== 0);
}

/** Adds `rows` (deltas, or a backfill's sums) to the stored sums, in the caller's transaction: one statement per 200 rows. */
export async function addToValueSums(q: Queries, rows: readonly ReportValueSumsTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 200)
    await q
      .insertInto('report_value_sums')
      .values(rows.slice(start, start + 200))
      .onConflict((conflict) =>
        conflict.columns(['node_id', 'form_id', 'year', 'kind', 'code']).doUpdateSet((eb) => ({
          reports: eb('report_value_sums.reports', '+', eb.ref('excluded.reports')),
          total: eb('report_value_sums.total', '+', eb.ref('excluded.total')),
          weighted_reports: eb('report_value_sums.weighted_reports', '+', eb.ref('excluded.weighted_reports')),
          weighted: eb('report_value_sums.weighted', '+', eb.ref('excluded.weighted')),
          weight: eb('report_value_sums.weight', '+', eb.ref('excluded.weight')),
        })),
      )
      .execute();
}
