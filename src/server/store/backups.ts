/**
 * The record of backups made (migration 0018): a backup is claimed with a row before it is made (a
 * nightly one by its night, unique, so one process of several makes it), and finished with its size,
 * rows and whether its check passed. The last good one is what the health answer and the log tell.
 */
import type { Queries } from './schema';

export interface BackupRecord {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  night: string | null;
  file: string;
  sizeKb: number | null;
  rows: number | null;
  ok: boolean;
  error: string | null;
}

/** Inserts the row of a backup about to be made; false when a nightly backup of that night is already claimed. */
export async function claimBackup(q: Queries, backup: { id: string; startedAt: string; night: string | null; file: string }): Promise<boolean> {
  const inserted = await q
    .insertInto('backups')
    .values({ id: backup.id, started_at: backup.startedAt, night: backup.night, file: backup.file, finished_at: null, size_kb: null, rows: null, error: null })
    .onConflict((conflict) => conflict.column('night').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function finishBackup(
  q: Queries,
  id: string,
  outcome: { finishedAt: string; sizeKb: number | null; rows: number | null; ok: boolean; error: string | null },
): Promise<void> {
  await q
    .updateTable('backups')
    .set({ finished_at: outcome.finishedAt, size_kb: outcome.sizeKb, rows: outcome.rows, ok: outcome.ok ? 1 : 0, error: outcome.error })
    .where('id', '=', id)
    .execute();
}

export async function lastGoodBackup(q: Queries): Promise<BackupRecord | undefined> {
  const row = await q.selectFrom('backups').selectAll().where('ok', '=', 1).orderBy('finished_at', 'desc').limit(1).executeTakeFirst();
  return row && {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    night: row.night,
    file: row.file,
    sizeKb: row.size_kb,
    rows: row.rows,
    ok: row.ok === 1,
    error: row.error,
  };
}
