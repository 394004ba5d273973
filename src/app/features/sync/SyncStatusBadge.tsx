/**
 * Where one report stands, as the officer sees it: one of the phases of `syncPhase()`, with the
 * superior's comment on a returned report (kept in view while it is being fixed), the reason on a refused one, and the way into the
 * conflict screen when the two devices disagree.
 */
import { lazy, Suspense, useState } from 'react';
import type { ReportDocument } from '../../../domain/report';
import { syncPhase, type LocalReportSync } from '../../../domain/sync';
import { useI18n } from '../../i18n';
import { routeHref } from '../../ui/router';
import { existingReportId, refusalText, useSyncMessages } from './messages';
import { useSuperiorName } from './useSuperior';
import './sync.css';

const ConflictResolver = lazy(() => import('./ConflictResolver'));

export interface SyncStatusBadgeProps {
  document: ReportDocument;
  sync: LocalReportSync;
  /** Compact: the phase label only (report list). Full (editor): comment, reason, conflict button. */
  compact?: boolean;
  /** Open the conflict screen elsewhere; without it the badge opens it in place. */
  onDecide?: () => void;
  /** The officer's decision was saved: an editor showing this report must take over this document. */
  onResolved?: (document: ReportDocument) => void;
}

export function SyncStatusBadge({ document, sync, compact = false, onDecide, onResolved }: SyncStatusBadgeProps) {
  const { t } = useI18n();
  const messages = useSyncMessages();
  const superior = useSuperiorName();
  const [deciding, setDeciding] = useState(false);
  const phase = syncPhase(document, sync);
  const phaseText = phase === 'sent' ? messages.sentTo(superior) : messages.phases[phase];
  const label = <span className={`sync-badge sync-badge-${phase}`} data-testid="sync-phase" data-phase={phase}>{phaseText}</span>;
  if (compact) return label;
  const fieldLabel = (path: string) => t.fields[path] ?? path;
  const existing = sync.refusal ? existingReportId(sync.refusal) : null;
  return (
    <div className="sync-status" role="status">
      {label}
      {/* Also while the officer fixes the returned report (phase `local` until the fix reaches the server). */}
      {sync.review?.status === 'returned' && sync.review.comment ? (
        <p className="sync-note sync-note-returned" data-testid="superior-comment">
          <strong>{messages.commentOf(superior)}</strong> <q>{sync.review.comment}</q>
        </p>
      ) : null}
      {phase === 'refused' && sync.refusal ? <p className="sync-note sync-note-error">{refusalText(messages, sync.refusal, fieldLabel, superior)}</p> : null}
      {phase === 'refused' && existing ? (
        <a className="sync-button" href={routeHref({ screen: 'report', reportId: existing, section: null })}>
          {messages.openExisting}
        </a>
      ) : null}
      {phase === 'conflict' && !deciding ? (
        <button type="button" className="sync-button" onClick={() => (onDecide ? onDecide() : setDeciding(true))}>
          {messages.decide}
        </button>
      ) : null}
      {phase === 'conflict' && deciding ? (
        <Suspense fallback={<p className="sync-note">{t.common.loading}</p>}>
          <ConflictResolver
            reportId={document.id}
            document={document}
            sync={sync}
            onDone={() => setDeciding(false)}
            {...(onResolved ? { onResolved } : {})}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
