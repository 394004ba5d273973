/**
 * On the province's own node screen, for its admins: when the last good backup was made and whether the
 * server makes its own (issue 23). Read once when the screen opens; a failure to read it says nothing,
 * as the rest of the screen does not depend on it.
 */
import { useEffect, useState } from 'react';
import { backupStanding, type ServerStatus } from '../../../domain/serverStatus';
import { formatCount, formatDateTime, useI18n } from '../../i18n';
import { fetchServerStatus } from '../api';
import { serverMessages } from './messages';

export function BackupStatus() {
  const { language } = useI18n();
  const m = serverMessages(language);
  const [status, setStatus] = useState<ServerStatus | null>(null);

  useEffect(() => {
    let live = true;
    fetchServerStatus().then(
      (loaded) => live && setStatus(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  if (!status) return null;
  const standing = backupStanding(status, new Date());
  const last = status.lastBackup;
  return (
    <section className="staff-backups" aria-label={m.title} data-testid="backup-status" data-standing={standing}>
      <h3>{m.title}</h3>
      {last ? (
        <p>
          {m.last(formatDateTime(last.at))}
          {last.sizeKb !== null && last.rows !== null ? ` (${m.size(formatCount(last.sizeKb), formatCount(last.rows))})` : null}
        </p>
      ) : null}
      {standing === 'none' ? <p className="notice notice-error" role="status">{m.none}</p> : null}
      {standing === 'stale' ? <p className="notice notice-error" role="status">{m.stale}</p> : null}
      <p className="muted">{status.nightlyBackups ? m.nightly(status.nightlyBackups.at, formatCount(status.nightlyBackups.keep)) : m.noNightly}</p>
    </section>
  );
}
