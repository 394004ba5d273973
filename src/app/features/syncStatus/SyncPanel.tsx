/** The engine's status line: where syncing stands, when it last succeeded, and "Gửi ngay". */
import { useState } from 'react';
import { formatDateTime, formatTime } from '../../i18n';
import { isSyncStarted, sendNow, type SyncStatus } from '../../sync';
import { useSyncMessages } from './messages';
import { useSyncStatus } from './useSyncStatus';
import { useSuperiorName } from './useSuperior';
import './syncStatus.css';

export interface SyncPanelProps {
  /** Where the enrolment screen is (a hash link such as `#/enrol`), for "connect" and "enrol again". */
  enrolHref: string;
  /**
   * What the screen read from storage before the engine loaded (enrolled or not, the last sync): shown
   * until the engine says more, so that the panel is there from the screen's first drawing and nothing
   * below it moves when the engine arrives (a layout shift Lighthouse counted on the first page).
   */
  known?: SyncStatus | null;
}

/**
 * The status to show: the engine's once it has loaded and found out; before that, what storage said
 * (`known`), or nothing. Before its first cycle has found out (idle, then syncing) the engine knows no
 * more than storage: an unenrolled device stays shown as such instead of flashing the enrolled panel.
 */
export function useShownSyncStatus(known: SyncStatus | null | undefined): SyncStatus | null {
  const engineStatus = useSyncStatus();
  const beforeFirstCycle = (engineStatus.state === 'idle' || engineStatus.state === 'syncing') && engineStatus.lastSyncAt === null;
  if (!isSyncStarted() || (beforeFirstCycle && known?.state === 'unenrolled')) return known ?? null;
  return engineStatus;
}

export function SyncPanel({ enrolHref, known }: SyncPanelProps) {
  const status = useShownSyncStatus(known);
  const [sending, setSending] = useState(false);
  if (!status) return null;
  const onSendNow = async () => {
    setSending(true);
    try {
      await sendNow();
    } finally {
      setSending(false);
    }
  };
  return <SyncPanelView status={status} enrolHref={enrolHref} sending={sending} onSendNow={() => void onSendNow()} />;
}

export interface SyncPanelViewProps {
  status: SyncStatus;
  enrolHref: string;
  sending: boolean;
  onSendNow: () => void;
}

export function SyncPanelView({ status, enrolHref, sending, onSendNow }: SyncPanelViewProps) {
  const messages = useSyncMessages();
  const superior = useSuperiorName();
  if (status.state === 'unenrolled' || status.state === 'unauthorized') {
    return (
      <div className={`sync-panel sync-panel-${status.state}`} role="status" data-testid="sync-panel" data-state={status.state}>
        <p className="sync-panel-state">
          {status.state === 'unenrolled' ? messages.unenrolledWith(superior) : messages.unauthorizedBy(superior)}
        </p>
        <a className="sync-button" href={enrolHref}>
          {status.state === 'unenrolled' ? messages.enrolWith(superior) : messages.enrolAgain}
        </a>
      </div>
    );
  }
  const waiting = status.retryAt != null && (status.state === 'offline' || status.state === 'error');
  return (
    <div className={`sync-panel sync-panel-${status.state}`} role="status" data-testid="sync-panel" data-state={status.state}>
      <p className="sync-panel-state">{messages.states[status.state]}</p>
      <p className="sync-panel-superior" data-testid="sync-superior">
        {messages.sendsTo(superior)}
      </p>
      <p className="sync-panel-time" data-testid="last-sync">
        {status.lastSyncAt ? messages.lastSync(formatDateTime(status.lastSyncAt)) : messages.neverSynced}
        {waiting ? ` · ${messages.retryAt(formatTime(new Date(status.retryAt as number)))}` : null}
      </p>
      <button type="button" className="sync-button" data-testid="send-now" onClick={onSendNow} disabled={sending || status.state === 'syncing'}>
        {messages.sendNow}
      </button>
    </div>
  );
}
