/**
 * Where a report stands and the one thing to do next: the one component that draws
 * `reportLifecycle()` (src/domain/lifecycle.ts), on the list, at the top of the editor and in the
 * review section, with the same words everywhere. The label is text (never colour alone), the
 * superior's comment comes first when there is one (on the list too: the sentences point to it), and
 * exactly one primary action is drawn: always in full, and on the list where the sentence names it.
 */
import type { ReactNode } from 'react';
import { decisionSpeaker, type ReportAction, type ReportLifecycle } from '../../../domain/lifecycle';
import type { LocalReportSync } from '../../../domain/sync';
import { useI18n } from '../../i18n';
import { routeHref } from '../../ui/router';
import { useSyncMessages } from '../syncStatus/messages';
import { existingReportId, refusalText } from '../syncStatus/refusal';
import { useSuperiorName, useSyncStatus } from '../syncStatus';
import { lifecycleMessages } from './lifecycleMessages';
import './lifecycle.css';

/** A mark beside the label, so the stage reads without colour too. */
const MARKS: Record<ReportLifecycle['stage'], string> = {
  draftLocal: '✎',
  draftSaved: '✎',
  queued: '…',
  sent: '✉',
  returned: '↩',
  fixing: '✎',
  resent: '✉',
  accepted: '✔',
  acceptanceWithdrawn: '↺',
  conflict: '⚠',
  refused: '⚠',
  roundClosed: '⊘',
};

export interface ReportStandingProps {
  reportId: string;
  lifecycle: ReportLifecycle;
  sync: LocalReportSync;
  /**
   * `list`: the label, the superior's comment and the sentence, and the action where the sentence names
   * one the officer takes from the list (a returned report's "Sửa và gửi lại"); `full`: also the lock and
   * always the action.
   */
  variant: 'list' | 'full';
  /** Buttons call this; links (print, another report, enrolment) need none. */
  onAction?: (action: ReportAction) => void;
  busy?: boolean;
  /** Beside the action: a quieter way back, a preview link, a message about the last attempt. */
  children?: ReactNode;
}

export function ReportStanding({ reportId, lifecycle, sync, variant, onAction, busy, children }: ReportStandingProps) {
  const { t, language } = useI18n();
  const superior = useSuperiorName();
  const syncMessages = useSyncMessages();
  const { state: engineState } = useSyncStatus();
  const { stage, action, locked, comment } = lifecycle;
  // A decision names the node that made it, even after the CĐCS moved to another superior.
  const m = lifecycleMessages(language, decisionSpeaker(stage, sync) ?? superior);
  const refusal = stage === 'refused' ? sync.refusal : null;
  const existing = refusal ? existingReportId(refusal) : null;
  const notConnected = stage === 'queued' && (engineState === 'unenrolled' || engineState === 'unauthorized');
  const full = variant === 'full';
  // The returned card's sentence says "Bấm “Sửa và gửi lại”": the button is on the card, not only in the editor.
  const drawsAction = full || stage === 'returned';

  const primary = (() => {
    const common = { 'data-testid': 'primary-action', 'data-action': action } as const;
    if (notConnected)
      return (
        <a className="button button-primary button-wide" href="#/enrol" {...common} data-action="connect">
          {m.connect}
        </a>
      );
    if (action === 'viewAndPrint')
      return (
        <a className="button button-primary button-wide" href={routeHref({ screen: 'print', reportId })} {...common}>
          {m.actions.viewAndPrint}
        </a>
      );
    if (action === 'openExisting' && existing)
      return (
        <a className="button button-primary button-wide" href={routeHref({ screen: 'report', reportId: existing, section: null })} {...common}>
          {m.actions.openExisting}
        </a>
      );
    return (
      <button type="button" className="button button-primary button-wide" disabled={busy} onClick={() => onAction?.(action)} {...common}>
        {m.actions[action]}
      </button>
    );
  })();

  return (
    <section
      className={`standing standing-${stage}${full ? '' : ' standing-compact'}`}
      data-testid="report-standing"
      data-stage={stage}
      data-locked={locked}
      data-unsent={lifecycle.unsentChanges}
      aria-label={m.labels[stage]}
    >
      <p className="standing-label" data-testid="standing-label">
        <span aria-hidden="true" className="standing-mark">
          {MARKS[stage]}
        </span>{' '}
        {m.labels[stage]}
      </p>
      {comment ? (
        <blockquote className="standing-comment" data-testid="superior-comment" data-decision={lifecycle.commentOn ?? undefined}>
          <strong>{lifecycle.commentOn === 'withdrawn' ? m.withdrawalReason : m.comment}</strong> {comment}
        </blockquote>
      ) : null}
      <p className="standing-sentence" data-testid="standing-sentence">
        {m.sentences[stage]}
        {refusal ? <> {refusalText(syncMessages, refusal, (path) => t.fields[path] ?? path)}</> : null}
      </p>
      {full && lifecycle.unsentChanges ? <p className="standing-note">{m.unsentChanges}</p> : null}
      {full && notConnected ? <p className="standing-note">{m.notConnected}</p> : null}
      {full && locked ? (
        <p className="standing-note standing-locked" data-testid="locked-note">
          {stage === 'queued' || stage === 'sent' || stage === 'resent' || stage === 'returned' || stage === 'acceptanceWithdrawn' ? m.lockedSent : m.locked}
        </p>
      ) : null}
      {drawsAction ? primary : null}
      {full ? children : null}
    </section>
  );
}
