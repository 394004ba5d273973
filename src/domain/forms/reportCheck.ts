/**
 * Whether a report may be marked ready, whatever its form: the phone's editor and its database ask the
 * same question here. Plan 94 keeps today's rules (`validation.ts`); a report of another form is held
 * to its rows' rules (`checkFormValues`, required rows included) and to the rules of the built-in
 * blocks it shows (the membership, the dialogue sessions), as those blocks are the same in every form.
 */
import type { ReportDocument } from '../report';
import { checkReport, type CheckContext, type ReportCheck } from '../validation';
import { formBlocks, type FormDefinition } from './definition';
import { reportValues, isPlan94Report } from './reportForm';
import { checkFormValues, type FormCheck } from './validate';

export interface ReportFormCheck {
  /** The blocks' issues (Plan 94: every issue of the report). */
  report: ReportCheck;
  /** The rows' issues; null for Plan 94, whose rows are its own fields. */
  values: FormCheck | null;
  canMarkReady: boolean;
}

export interface ReportFormContext extends CheckContext {
  /** The officer's previous report of the same form, for the change warnings. */
  previous?: ReportDocument | null;
}

/** The blocks a form shows, once per definition (a definition never changes in place). */
const blocksOfDefinition = new WeakMap<FormDefinition, readonly string[]>();
function blocksOf(definition: FormDefinition): readonly string[] {
  let blocks = blocksOfDefinition.get(definition);
  if (!blocks) blocksOfDefinition.set(definition, (blocks = formBlocks(definition)));
  return blocks;
}

/** Only the issues of the blocks the form shows: `membership.members` belongs to the membership block. */
function blocksOnly(check: ReportCheck, blocks: readonly string[]): ReportCheck {
  // A ready report usually has no issue at all: nothing to sort out.
  if (check.errors.length === 0 && check.warnings.length === 0) return check;
  const shown = (path: string) => blocks.includes(path.split('.')[0] ?? '');
  const errors = check.errors.filter((issue) => shown(issue.path));
  const warnings = check.warnings.filter((issue) => shown(issue.path));
  return { errors, warnings, canMarkReady: errors.length === 0 };
}

export function checkReportForm(document: ReportDocument, definition: FormDefinition | null, context: ReportFormContext = {}): ReportFormCheck {
  const report = checkReport(document, context);
  if (isPlan94Report(document)) return { report, values: null, canMarkReady: report.canMarkReady };
  if (!definition) {
    // The form never reached this phone: nothing can say the rows are right.
    return { report, values: null, canMarkReady: false };
  }
  const blocks = blocksOnly(report, blocksOf(definition));
  const values = checkFormValues(definition, reportValues(document), {
    previous: context.previous ? reportValues(context.previous) : null,
    explanations: document.valueNotes ?? {},
    activities: context.activities ?? null,
  });
  return { report: blocks, values, canMarkReady: blocks.canMarkReady && values.canMarkReady };
}
