/**
 * Backups that restore (docs/decisions/0013-backups.md, docs/operations.md). One format for both stores:
 * a SQLite file, made while the server goes on taking pushes, checked (integrity, references, every
 * table's rows) before it takes its name, and recorded in the store (`backups`, migration 0018) and the
 * audit log. A restore copies a backup into an empty store of either kind and migrates it to this version.
 */
import type { LastBackup, ServerStatus } from '../../domain/serverStatus';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { vietnamClock, vietnamDate } from '../../domain/calendar';
import { type BackupCheck, checkBackupFile, closeAsSingleFile, copyStore, type CopyOutcome, sqliteOnlineBackup } from '../store/copy';
import type { StoreConfig } from '../store/open';
import type { BackupRecord, NewAuditEntry } from '../store/store';
import { auditEntry, recordAudit } from './audit';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure } from './errors';
import type { StaffActor } from './actors';
import { CONSOLE } from './staff';

export { CopyRefusal } from '../store/copy';

export interface BackupMade extends BackupCheck {
  id: string;
  file: string;
  bytes: number;
}

/** What the health answer, the log and the admin's screen say of the last good backup. */
export class BackupFileExists extends Error {}
export class BackupCheckFailed extends Error {
  constructor(readonly check: BackupCheck) {
    super(`the backup's check failed: integrity ${check.integrity}, ${check.brokenReferences} broken references`);
  }
}

/**
 * Makes a backup of the store `config` names into `file` (which must not exist): a snapshot through a
 * connection of its own, written beside the file as `.partial`, checked, then renamed. `night` claims a
 * nightly backup: null is returned when another process already made (or is making) that night's.
 */
export async function makeBackup(context: ServiceContext, config: StoreConfig, file: string, options: { night?: string } = {}): Promise<BackupMade | null> {
  if (existsSync(file)) throw new BackupFileExists(file);
  const id = randomUUID();
  const claimed = await context.store.write((tx) => tx.claimBackup({ id, startedAt: isoNow(context), night: options.night ?? null, file }));
  if (!claimed) return null;
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    if (config.kind === 'sqlite') await sqliteOnlineBackup(config.file, partial);
    else {
      await copyStore(config, { kind: 'sqlite', file: partial }, { force: false, upgrade: false });
      closeAsSingleFile(partial);
    }
    const check = await checkBackupFile(partial);
    if (!check.ok) throw new BackupCheckFailed(check);
    renameSync(partial, file);
    const bytes = statSync(file).size;
    const sizeKb = Math.ceil(bytes / 1024);
    await context.store.write(async (tx) => {
      await tx.finishBackup(id, { finishedAt: isoNow(context), sizeKb, rows: check.rows, ok: true, error: null });
      await recordAudit(tx, context, CONSOLE, {
        action: 'backup.made',
        node: null,
        target: { kind: 'backup', id },
        after: { file: basename(file), sizeKb, rows: check.rows, version: check.version, night: options.night ?? null },
      });
    });
    return { ...check, id, file, bytes };
  } catch (error) {
    rmSync(partial, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    await context.store
      .write((tx) => tx.finishBackup(id, { finishedAt: isoNow(context), sizeKb: null, rows: null, ok: false, error: message.slice(0, 500) }))
      .catch(() => undefined);
    throw error;
  }
}

export interface Restored extends CopyOutcome {
  check: BackupCheck;
}

/**
 * Restores a backup file into the store `target` names: refused when the file's check fails, and (by
 * copyStore) when the target holds data, unless `force`. The restore is written into the target's audit log.
 */
export async function restoreBackup(file: string, target: StoreConfig, options: { force: boolean; now?: () => Date }): Promise<Restored> {
  const check = await checkBackupFile(file);
  if (!check.ok) throw new BackupCheckFailed(check);
  const copied = await copyStore({ kind: 'sqlite', file }, target, {
    force: options.force,
    upgrade: true,
    audit: restoredEntry(options.now, (copy) => ({ file: basename(file), version: copy.version, rows: copy.rows })),
  });
  return { ...copied, check };
}

/** Copies the whole store `source` into `target` (SQLite → PostgreSQL), recorded in the target's audit log. */
export async function copyToStore(source: StoreConfig, target: StoreConfig, options: { force: boolean; sourceName: string; now?: () => Date }): Promise<CopyOutcome> {
  return copyStore(source, target, {
    force: options.force,
    upgrade: true,
    audit: restoredEntry(options.now, (copy) => ({ from: options.sourceName, version: copy.version, rows: copy.rows })),
  });
}

/** The target's `backup.restored` entry, which the copy writes in its own transaction (store/copy.ts). */
function restoredEntry(now: (() => Date) | undefined, after: (copy: CopyOutcome) => Record<string, unknown>): (copy: CopyOutcome) => NewAuditEntry {
  return (copy) => auditEntry({ now: now ?? (() => new Date()) }, CONSOLE, { action: 'backup.restored', node: null, target: null, after: after(copy) });
}

export function toLastBackup(record: BackupRecord | undefined): LastBackup | null {
  return record ? { at: record.finishedAt ?? record.startedAt, file: basename(record.file), sizeKb: record.sizeKb, rows: record.rows } : null;
}

export async function lastBackup(context: ServiceContext): Promise<LastBackup | null> {
  return toLastBackup(await context.store.lastGoodBackup());
}

// ---- nightly backups ----

export interface NightlyBackups {
  dir: string;
  /** How many nightly files to keep (the oldest beyond go). */
  keep: number;
  /** Vietnam's wall-clock time of the backup, `HH:MM`. */
  at: string;
}

export const DEFAULT_BACKUP_KEEP = 14;
export const DEFAULT_BACKUP_AT = '02:00';

const NIGHTLY_FILE = /^bao-cao-cdcs-(\d{4}-\d{2}-\d{2})\.sqlite$/;

export function nightlyFileName(night: string): string {
  return `bao-cao-cdcs-${night}.sqlite`;
}

/**
 * Tonight's backup into `dir`, then the oldest nightly files beyond `keep` removed. Null when another
 * process of the same PostgreSQL made it (the night's row in `backups` is theirs) or the file is there.
 */
export async function runNightlyBackup(context: ServiceContext, config: StoreConfig, nightly: NightlyBackups): Promise<BackupMade | null> {
  const night = vietnamDate(context.now());
  const file = join(nightly.dir, nightlyFileName(night));
  if (existsSync(file)) return null;
  const made = await makeBackup(context, config, file, { night });
  const nightlies = readdirSync(nightly.dir)
    .filter((name) => NIGHTLY_FILE.test(name))
    .sort()
    .reverse();
  for (const old of nightlies.slice(nightly.keep)) rmSync(join(nightly.dir, old), { force: true });
  return made;
}

/** Milliseconds from `now` to the next `HH:MM` in Vietnam (Vietnam has no summer time). */
export function untilNextBackup(now: Date, at: string): number {
  const [hour = 2, minute = 0] = at.split(':').map(Number);
  const clock = vietnamClock(now);
  if (!clock) throw new RangeError('no clock');
  const todayAt = Date.UTC(clock.year, clock.month - 1, clock.day, hour - 7, minute);
  const next = todayAt > now.getTime() ? todayAt : todayAt + 86_400_000;
  return next - now.getTime();
}

/** What the scheduler says in the server's log (pino's shape). */
export interface BackupLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * The server's own nightly backups: at `nightly.at` Vietnam time each night, runNightlyBackup, said in
 * the log with the last good backup. Returns the function that stops the schedule.
 */
export function scheduleNightlyBackups(context: ServiceContext, config: StoreConfig, nightly: NightlyBackups, log: BackupLog): () => void {
  let timer: NodeJS.Timeout | undefined;
  const plan = () => {
    const wait = untilNextBackup(context.now(), nightly.at);
    timer = setTimeout(() => void run(), wait);
    timer.unref();
    return new Date(context.now().getTime() + wait).toISOString();
  };
  const run = async () => {
    try {
      const made = await runNightlyBackup(context, config, nightly);
      if (made) log.info({ backup: { file: made.file, bytes: made.bytes, rows: made.rows } }, 'nightly backup made and checked');
      else log.info({ night: vietnamDate(context.now()) }, "tonight's backup is made by another process");
    } catch (error) {
      log.error({ err: error, lastBackup: await lastBackup(context).catch(() => null) }, 'nightly backup FAILED');
    }
    plan();
  };
  void lastBackup(context).then(
    (last) => log.info({ backupDir: nightly.dir, keep: nightly.keep, next: plan(), lastBackup: last }, last ? 'nightly backups on' : 'nightly backups on; no good backup yet'),
    () => plan(),
  );
  return () => clearTimeout(timer);
}

/** The admin's view of the server (`GET /api/staff/server`): for an admin of a root node only. */
export async function serverStatus(
  context: ServiceContext,
  actor: StaffActor,
  settings: { nightly: NightlyBackups | null },
): Promise<ServerStatus> {
  const node = actor.nodeId ? await context.store.findNode(actor.nodeId) : undefined;
  if (actor.role !== 'admin' || (node && node.parentId !== null))
    throw new ApiFailure(403, 'forbidden', "Only an admin of the province's own node sees the server's state.");
  return {
    store: context.store.kind,
    lastBackup: await lastBackup(context),
    nightlyBackups: settings.nightly ? { keep: settings.nightly.keep, at: settings.nightly.at } : null,
  };
}
