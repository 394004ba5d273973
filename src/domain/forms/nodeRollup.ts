/**
 * A node's roll-up of a report form for a period, as the API answers it (issue 22,
 * `GET /api/staff/nodes/:id/forms/:formId/rollup`, docs/api.md): the node's total and one column per
 * direct child node (the Mẫu 2 of a Mẫu 1), every row of the form in its order with its
 * `RowRollUpResult` per column (`rollup.ts` is the semantics). One declaration for the server and the
 * staff screens.
 */
import type { ReportPeriod } from '../period';
import type { FormDefinition } from './definition';
import type { RowRollUpResult } from './rollup';

/** A column: the node itself (the first), then each direct child node, by name. */
export interface FormRollupColumn {
  nodeId: string;
  name: string;
  /** The CĐCS that owe the period's report of this form there, and those whose report counts. */
  expected: number;
  reported: number;
}

export interface FormRollupRow {
  code: string;
  /**
   * One per column, in the columns' order. A text or date row (roll-up `none`) has no figure and
   * `reported` 0: texts stay in the documents, which a roll-up never reads.
   */
  values: RowRollUpResult[];
}

export interface FormRollup {
  form: FormDefinition;
  period: ReportPeriod;
  columns: FormRollupColumn[];
  rows: FormRollupRow[];
}
