/**
 * The server's own state as the province's admin reads it (`GET /api/staff/server`) and a monitor reads
 * part of it (`GET /api/health`): which store, the last backup whose check passed, the nightly backups.
 */
export interface LastBackup {
  /** When it was finished (ISO). */
  at: string;
  /** The file's name in BACKUP_DIR (or where the command line wrote it). */
  file: string;
  sizeKb: number | null;
  rows: number | null;
}

export interface ServerStatus {
  store: string;
  lastBackup: LastBackup | null;
  /** Null when BACKUP_DIR is not set: the server makes no backup of its own. */
  nightlyBackups: { keep: number; at: string } | null;
}

/** A nightly backup older than this (two nights) means the last ones failed or did not run. */
export const BACKUP_STALE_AFTER_MS = 50 * 3_600_000;

/** How the admin's screen speaks of the backups: none yet, recent, or too old. */
export function backupStanding(status: ServerStatus, now: Date): 'none' | 'recent' | 'stale' {
  if (!status.lastBackup) return 'none';
  return now.getTime() - Date.parse(status.lastBackup.at) > BACKUP_STALE_AFTER_MS ? 'stale' : 'recent';
}
