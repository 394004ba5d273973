/** Parts every report editor draws the same way, whatever its form: the save indicator, the values as they are typed, the previous period's figures. */
import { startTransition, useEffect, useMemo, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { ReportDocument } from '../../../domain/report';
import { formatCount, formatTime, useI18n } from '../../i18n';
import { useSignal, type Signal } from '../../ui/signal';
import type { ReportFormValues } from '../../formFields/reportForm';
import type { AutosaveState } from './useAutosave';

export function SaveIndicator({ status }: { status: Signal<AutosaveState> }) {
  const { t } = useI18n();
  const state = useSignal(status);
  let text: string;
  let tone = 'ok';
  switch (state.phase) {
    case 'idle':
      text = t.editor.notSavedYet;
      break;
    case 'pending':
    case 'saving':
      text = t.editor.saving;
      break;
    case 'saved':
      text = t.editor.savedAt(formatTime(state.at));
      break;
    case 'failed':
      tone = 'error';
      text =
        state.reason === 'storageFull'
          ? t.editor.storageFull
          : state.reason === 'closed'
            ? t.editor.closedForUpgrade
            : t.editor.saveFailed;
  }
  return (
    <p className={`save-indicator save-indicator-${tone}`} data-testid="saved-at" data-phase={state.phase} aria-live="polite">
      {text}
      {state.phase === 'failed' && state.reason === 'storageFull' ? (
        <>
          {' '}
          <a href="#/backup" className="link-strong">
            {t.db.backupNow}
          </a>
        </>
      ) : null}
    </p>
  );
}

/**
 * The form's values, for what the editor draws from them (the rules' messages, the rate, the section
 * chips, the standing). A keystroke reaches them as a transition: the input already shows what was
 * typed (react-hook-form's inputs are the DOM's own), and the autosave heard of the change in the
 * same event (`useStoredReportUpdates`), so the editor's redraw gives way to the next keystroke and
 * to the autosave's commit instead of holding the main thread right in the keystroke's event, which
 * on a slow phone delayed the next keystroke's handling and so its save.
 */
export function useValuesInTransition(
  watch: UseFormReturn<ReportFormValues>['watch'],
  getValues: UseFormReturn<ReportFormValues>['getValues'],
): ReportFormValues {
  const [values, setValues] = useState(() => getValues());
  useEffect(() => {
    // A fresh object at each change (getValues copies the top level), so what is derived from it is redone.
    const subscription = watch(() => startTransition(() => setValues(getValues())));
    return () => subscription.unsubscribe();
  }, [watch, getValues]);
  return values;
}


const NO_NUMERIC_ROWS: readonly string[] = [];

/**
 * "Kỳ trước: …" beside a figure: the previous period's workers and members and, for a form, each
 * numeric row's, keyed by the field's path. Memoised: the hints change only with the previous report.
 */
export function usePreviousFigureHints(previous: ReportDocument | null, numericCodes: readonly string[] = NO_NUMERIC_ROWS): Map<string, string> {
  const { t } = useI18n();
  return useMemo(() => {
    const byPath = new Map<string, string>();
    if (!previous) return byPath;
    const label = t.periodLabel(previous.period.year, previous.period.kind);
    const hint = (path: string, value: unknown) => {
      if (typeof value === 'number') byPath.set(path, t.editor.previousFigure(label, formatCount(value)));
    };
    for (const key of ['workers', 'members'] as const) hint(`membership.${key}`, previous.membership[key]);
    for (const code of numericCodes) hint(`values.${code}`, previous.values?.[code]);
    return byPath;
  }, [previous, t, numericCodes]);
}
