/**
 * The command line's backups (docs/operations.md):
 *   npm run admin -- backup --to FILE
 *   npm run admin -- restore --from FILE [--force]
 *   npm run admin -- copy-store --to postgres://… [--force]
 * The work is services/backups.ts's; here the flags are read and the outcome or the refusal is said in
 * Vietnamese (messages.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BackupCheckFailed, BackupFileExists, CopyRefusal, copyToStore, makeBackup, restoreBackup } from '../services/backups';
import type { ServiceContext } from '../services/context';
import type { StoreConfig } from '../store/open';
import { storeLocation } from '../env';
import { backupTexts, tableOfRows } from './messages';

/** A refusal already in Vietnamese; admin.ts prints it and exits with status 1. */
export class BackupRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Flags = Record<string, string | boolean | undefined>;

function where(config: StoreConfig): string {
  return config.kind === 'sqlite' ? `SQLite, tệp ${config.file}` : `PostgreSQL ${storeLocation(config)}`;
}

function refusalOf(error: unknown, target: StoreConfig, file?: string): unknown {
  if (error instanceof BackupFileExists) return new BackupRefusal('file_exists', backupTexts.fileExists(error.message));
  if (error instanceof BackupCheckFailed)
    return new BackupRefusal('backup_check_failed', backupTexts.notABackup(file ?? '', `integrity_check: ${error.check.integrity}, ${error.check.brokenReferences} dòng trỏ sai`));
  if (error instanceof CopyRefusal) {
    switch (error.code) {
      case 'not_empty':
        return new BackupRefusal('not_empty', backupTexts.notEmpty(where(target), (error.details.tables ?? []) as { table: string; rows: number }[]));
      case 'newer_version':
        return new BackupRefusal('newer_version', backupTexts.newerVersion(String(error.details.version)));
      case 'not_ours':
        return new BackupRefusal('not_a_backup', backupTexts.notABackup(file ?? '', 'không có bảng phiên bản của Báo cáo CĐCS.'));
      case 'unknown_table':
        return new BackupRefusal('unknown_table', backupTexts.unknownTable(error.message));
      case 'count_mismatch':
        return new BackupRefusal('count_mismatch', backupTexts.countMismatch(error.message));
      case 'foreign_keys':
        return new BackupRefusal('foreign_keys', backupTexts.brokenReferences(error.message));
    }
  }
  // A file SQLite cannot read at all ("file is not a database").
  if (file && error instanceof Error && (error as { code?: string }).code?.startsWith('SQLITE_'))
    return new BackupRefusal('not_a_backup', backupTexts.notABackup(file, error.message));
  return error;
}

function fileFlag(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new BackupRefusal('usage', `Thiếu --${name} <tệp>.`);
  return resolve(value);
}

/** `backup --to FILE`: the store the settings name, while the server goes on. */
export async function backupCommand(flags: Flags, context: ServiceContext, config: StoreConfig): Promise<{ json: unknown; text: string }> {
  const file = fileFlag(flags, 'to');
  try {
    const made = await makeBackup(context, config, file);
    if (!made) throw new Error('a backup without a night is never refused');
    return {
      json: { file: made.file, bytes: made.bytes, version: made.version, integrity: made.integrity, tables: made.tables, rows: made.rows },
      text: [backupTexts.made(made.file, made.bytes, context.now().toISOString()), backupTexts.checked(made.version), tableOfRows(made.tables)].join('\n'),
    };
  } catch (error) {
    throw refusalOf(error, config, file);
  }
}

/** `restore --from FILE [--force]`: into the store the settings name, which the server must not be using. */
export async function restoreCommand(flags: Flags, target: StoreConfig): Promise<{ json: unknown; text: string }> {
  const file = fileFlag(flags, 'from');
  if (!existsSync(file)) throw new BackupRefusal('no_file', backupTexts.noFile(file));
  try {
    const restored = await restoreBackup(file, target, { force: flags.force === true });
    return {
      json: { file, version: restored.version, tables: restored.tables, rows: restored.rows },
      text: [backupTexts.restored(file, where(target), restored.version), tableOfRows(restored.tables)].join('\n'),
    };
  } catch (error) {
    throw refusalOf(error, target, file);
  }
}

/** `copy-store --to postgres://… [--force]`: the store the settings name, copied whole into a PostgreSQL database. */
export async function copyStoreCommand(flags: Flags, source: StoreConfig): Promise<{ json: unknown; text: string }> {
  const url = flags.to;
  if (typeof url !== 'string' || !/^postgres(ql)?:\/\//.test(url)) throw new BackupRefusal('usage', backupTexts.notPostgres());
  if (source.kind === 'postgres' && source.url === url) throw new BackupRefusal('usage', backupTexts.samePlace());
  const target: StoreConfig = { kind: 'postgres', url };
  try {
    const copied = await copyToStore(source, target, { force: flags.force === true, sourceName: storeLocation(source) });
    return {
      json: { to: storeLocation(target), version: copied.version, tables: copied.tables, rows: copied.rows },
      text: [backupTexts.copied(where(source), where(target)), tableOfRows(copied.tables), backupTexts.afterCopy].join('\n'),
    };
  } catch (error) {
    throw refusalOf(error, target);
  }
}
