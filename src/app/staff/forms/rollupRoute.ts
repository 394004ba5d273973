/**
 * The address of a form's roll-up at a node for a period: `#/staff/node/<id>/forms/<formId>/rollup/<year>/<kind>`
 * (the period in the path, as every staff address keeps its state). Without a period the screen takes
 * the one chosen on the node screen.
 */
import { PERIOD_KINDS, type PeriodKind, type ReportPeriod } from '../../../domain/period';

export function formRollupHref(nodeId: string, formId: string, period?: ReportPeriod): string {
  const base = `#/staff/node/${encodeURIComponent(nodeId)}/forms/${encodeURIComponent(formId)}/rollup`;
  return period ? `${base}/${period.year}/${period.kind}` : base;
}

/** The period of a roll-up address's last two parts, or null when they do not name one. */
export function rollupPeriod(year: string | undefined, kind: string | undefined): ReportPeriod | null {
  const y = Number(year);
  if (!Number.isInteger(y) || !PERIOD_KINDS.includes(kind as PeriodKind)) return null;
  return { year: y, kind: kind as PeriodKind };
}
