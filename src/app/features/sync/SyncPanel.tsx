/** The engine's status line: where syncing stands, when it last succeeded, and "Gửi ngay". */
import { useState } from 'react';
import { formatDateTime, formatTime, useI18n } from '../../i18n';
import { getSyncEngine } from '../../sync';
import { syncMessages } from './messages';
import { useSyncStatus } from './useSyncStatus';
import './sync.css';

export interface SyncPanelProps {
  /** Where the enrolment screen is (a hash link such as `#/enrol`), for "connect" and "enrol again". */
  enrolHref: string;
}

export function SyncPanel({ enrolHref }: SyncPanelProps) {
  const { language } = useI18n();
  const messages = syncMessages(language);
  const status = useSyncStatus();
  const [sending, setSending] = useState(false);
  const engine = getSyncEngine();

  if (status.state === 'unenrolled' || status.state === 'unauthorized') {
    return (
      <div className={`sync-panel sync-panel-${status.state}`} role="status" data-testid="sync-panel">
        <p className="sync-panel-state">{messages.states[status.state]}</p>
        <a className="sync-button" href={enrolHref}>
          {status.state === 'unenrolled' ? messages.enrol : messages.enrolAgain}
        </a>
      </div>
    );
  }

  const sendNow = async () => {
    if (!engine) return;
    setSending(true);
    try {
      await engine.sendNow();
    } finally {
      setSending(false);
    }
  };

  return (
    <div className={`sync-panel sync-panel-${status.state}`} role="status" data-testid="sync-panel">
      <p className="sync-panel-state">{messages.states[status.state]}</p>
      <p className="sync-panel-time">
        {status.lastSyncAt ? messages.lastSync(formatDateTime(status.lastSyncAt)) : messages.neverSynced}
        {status.retryAt != null && (status.state === 'offline' || status.state === 'error')
          ? ` · ${messages.retryAt(formatTime(new Date(status.retryAt)))}`
          : null}
      </p>
      <button
        type="button"
        className="sync-button"
        onClick={() => void sendNow()}
        disabled={!engine || sending || status.state === 'syncing'}
      >
        {messages.sendNow}
      </button>
    </div>
  );
}
