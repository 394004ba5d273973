/**
 * The editor's side of the lifecycle: the derived stage, what the primary action does, the quieter
 * secondary actions, and which fields changed since the report was returned. The editor keeps only
 * the status writes (mark ready, reopen); everything else about "where it stands" lives here.
 */
import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { changedSince, decisionSpeaker, reportLifecycle, type ReportAction, type ReportRoundStanding } from '../../../domain/lifecycle';
import type { ReportDocument, ReportStatus } from '../../../domain/report';
import type { LocalReportSync } from '../../../domain/sync';
import { useI18n } from '../../i18n';
import { sendNow } from '../../sync';
import { routeHref } from '../../ui/router';
import { LazyConflictResolver, useSuperiorName } from '../syncStatus';
import { CheckRepliesButton } from './CheckRepliesButton';
import { lifecycleMessages } from './lifecycleMessages';
import { sectionOfPath, type SectionId } from '../../formFields/reportForm';

export interface LifecycleHandlers {
  /** Mark ready (the rules found no error); true when it is now sent. */
  send(): Promise<boolean>;
  reopen(): Promise<void>;
  goToReview(): void;
}

/** `errorsLeft`: what the rules (and unreadable numbers) still find in the form; any stops sending. */
export function useReportLifecycle(
  status: ReportStatus,
  sync: LocalReportSync,
  current: ReportDocument,
  errorsLeft: number,
  round?: ReportRoundStanding | null,
) {
  const { language, t } = useI18n();
  const superior = useSuperiorName();
  const [busy, setBusy] = useState(false);
  // "Gửi báo cáo" was tapped with errors left: say so, with the live count, until they are fixed.
  const [sendBlocked, setSendBlocked] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const lifecycle = useMemo(() => reportLifecycle({ document: { status }, sync, round }), [status, sync, round]);
  // A decision names the node that made it, even after the CĐCS moved to another superior.
  const messages = lifecycleMessages(language, decisionSpeaker(lifecycle.stage, sync) ?? superior);

  // What the superior returned: remembered by the device; for data from before that, the server copy
  // the decision still sits on.
  const returnedDocument = sync.lastReturn?.document ?? (sync.review?.status === 'returned' ? sync.base : null);
  // Marked while the return's comment is in view (not beside an acceptance's comment or a withdrawal's reason).
  const fixingReturn = lifecycle.commentOn === 'returned';
  const changed = useMemo(
    () => new Set(fixingReturn && returnedDocument ? changedSince(returnedDocument, current) : []),
    [fixingReturn, returnedDocument, current],
  );
  const changedSections = useMemo(() => new Set<SectionId>([...changed].map(sectionOfPath)), [changed]);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const act = async (action: ReportAction | 'withdraw', handlers: LifecycleHandlers) => {
    switch (action) {
      case 'send':
      case 'sendAgain':
        // Marking ready is sending: it queues the push; ask the engine to go now rather than in a few seconds.
        if (errorsLeft > 0) {
          setSendBlocked(true);
          handlers.goToReview();
          return;
        }
        setSendBlocked(false);
        await run(async () => {
          if (await handlers.send()) void sendNow().catch(() => {});
        });
        return;
      case 'fixAndResend':
      case 'withdraw':
        await run(handlers.reopen);
        return;
      case 'sendNow':
        await run(() => sendNow());
        return;
      case 'decide':
        setDeciding(true);
        return;
      case 'fixRefused':
        if (status === 'ready') await run(handlers.reopen);
        handlers.goToReview();
        return;
      default:
        // Links (view and print, the other report): nothing to run here.
        return;
    }
  };

  /** The secondary actions and notes under the primary one. */
  const extras = (reportId: string, document: ReportDocument, stored: LocalReportSync, statusError: string | null, handlers?: LifecycleHandlers): ReactNode => {
    const { stage } = lifecycle;
    // Sent and not decided on (a withdrawn acceptance is none): the officer may take it back to edit.
    const waiting = stage === 'sent' || stage === 'resent' || stage === 'acceptanceWithdrawn';
    const canWithdraw = stage === 'queued' || waiting;
    const previews = lifecycle.action !== 'viewAndPrint';
    return (
      <>
        {sendBlocked && errorsLeft > 0 ? (
          <p className="field-message field-message-error" role="alert" data-testid="status-error">
            {messages.sendBlocked(errorsLeft)}
          </p>
        ) : null}
        {statusError ? (
          <p className="field-message field-message-error" role="alert" data-testid="status-failure">
            {statusError}
          </p>
        ) : null}
        {changed.size > 0 ? (
          <p className="standing-note" data-testid="changed-count">
            ✎ {messages.changedCount(changed.size)}
          </p>
        ) : null}
        {previews || canWithdraw ? (
          <div className="button-row standing-secondary">
            {previews ? (
              <a className="button" href={routeHref({ screen: 'print', reportId })} data-testid="preview-link">
                {messages.preview}
              </a>
            ) : null}
            {canWithdraw && handlers ? (
              <button type="button" className="button" data-testid="withdraw" disabled={busy} onClick={() => void act('withdraw', handlers)}>
                {messages.withdraw}
              </button>
            ) : null}
          </div>
        ) : null}
        {waiting ? <CheckRepliesButton /> : null}
        {stage === 'conflict' && deciding && stored.conflict ? (
          <Suspense fallback={<p className="muted">{t.common.loading}</p>}>
            <LazyConflictResolver reportId={reportId} document={document} sync={stored} onDone={() => setDeciding(false)} />
          </Suspense>
        ) : null}
      </>
    );
  };

  return { lifecycle, messages, busy, act, extras, changed, changedSections };
}

