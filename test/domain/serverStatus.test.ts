import { describe, expect, it } from 'vitest';
import { BACKUP_STALE_AFTER_MS, backupStanding, type ServerStatus } from '../../src/domain/serverStatus';

const status = (at: string | null): ServerStatus => ({
  store: 'sqlite',
  lastBackup: at ? { at, file: 'b.sqlite', sizeKb: 840, rows: 12_345 } : null,
  nightlyBackups: { keep: 14, at: '02:00' },
});

describe("the admin's word on the server's backups", () => {
  const now = new Date('2026-12-07T03:00:00Z');
  it('is "none" until a backup has passed its check', () => {
    expect(backupStanding(status(null), now)).toBe('none');
  });
  it('is "recent" for last night\'s and "stale" once two nights have passed without one', () => {
    expect(backupStanding(status('2026-12-06T19:00:30Z'), now)).toBe('recent');
    expect(backupStanding(status(new Date(now.getTime() - BACKUP_STALE_AFTER_MS).toISOString()), now)).toBe('recent');
    expect(backupStanding(status(new Date(now.getTime() - BACKUP_STALE_AFTER_MS - 1).toISOString()), now)).toBe('stale');
  });
});
