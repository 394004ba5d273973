/**
 * Deleting a report from the list: says what goes (this phone's copy) and what stays (the server's
 * copy and the superior's decision), and asks a second time for a report that was sent or accepted.
 * A quiet button, never the largest thing on the card.
 */
import { useSuperiorName } from '../syncStatus';
import { useState } from 'react';
import type { ReportStage } from '../../../domain/lifecycle';
import { useI18n } from '../../i18n';
import { lifecycleMessages } from './lifecycleMessages';

const SENT: ReadonlySet<ReportStage> = new Set(['sent', 'resent', 'accepted', 'returned', 'queued']);

export function DeleteReportAction({
  label,
  stage,
  onServer,
  unsent,
  onConfirm,
}: {
  label: string;
  stage: ReportStage;
  onServer: boolean;
  /** Changes not yet on the server would go with the copy. */
  unsent: boolean;
  onConfirm: () => void | Promise<void>;
}) {
  const { t, language } = useI18n();
  const m = lifecycleMessages(language, useSuperiorName());
  const [step, setStep] = useState<'closed' | 'first' | 'second'>('closed');
  const asksTwice = SENT.has(stage);
  if (step === 'closed')
    return (
      <button type="button" className="button button-danger-quiet button-delete" data-testid="report-delete" onClick={() => setStep('first')}>
        {m.delete}
      </button>
    );
  const question =
    step === 'second'
      ? m.deleteAgain(label)
      : `${onServer ? m.deleteServerKeeps(label) : m.deleteLocalOnly(label)}${onServer && unsent ? ` ${m.deleteUnsent}` : ''}`;
  return (
    <div className="confirm" role="group" aria-label={question} data-testid="report-delete-question" data-step={step}>
      <p className="confirm-question">{question}</p>
      <div className="button-row">
        <button
          type="button"
          className="button button-danger"
          data-testid="report-delete-confirm"
          onClick={() => {
            if (step === 'first' && asksTwice) {
              setStep('second');
              return;
            }
            setStep('closed');
            void onConfirm();
          }}
        >
          {step === 'second' ? m.deleteAgainYes : m.deleteYes}
        </button>
        <button type="button" className="button" data-testid="report-delete-cancel" onClick={() => setStep('closed')}>
          {t.common.cancel}
        </button>
      </div>
    </div>
  );
}
