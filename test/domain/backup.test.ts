import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MAX_BACKUP_BYTES,
  backupFileName,
  makeBackup,
  parseBackup,
  planImport,
} from '../../src/domain/backup';
import { neverSynced } from '../../src/domain/sync';
import { REPORT_ID, validReport } from './fixtures';

const profile = { unionName: 'CĐCS Công ty A', employer: 'Công ty A', sector: 'private' as const, district: 'Dương Minh Châu' };
const backupText = () => JSON.stringify(makeBackup([{ document: validReport(), sync: neverSynced() }], profile, '2024-11-05T02:00:00.000Z'));
const parse = (text: string) => parseBackup(text, new TextEncoder().encode(text).length);

describe('backup file', () => {
  it("is named after the day in Vietnam, whatever the phone's clock zone", () => {
    // 23:59 on 9 January in Vietnam is 16:59 UTC: a phone set to UTC or New York used to name it otherwise near midnight.
    expect(backupFileName(new Date('2024-01-09T16:59:00Z'))).toBe('bao-cao-cdcs-2024-01-09.json');
    // 00:30 on 10 January in Vietnam is still 9 January in UTC.
    expect(backupFileName(new Date('2024-01-09T17:30:00Z'))).toBe('bao-cao-cdcs-2024-01-10.json');
  });

  it('parses a file it wrote, with every report and the profile', () => {
    const result = parse(backupText());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.backup.reports[0]?.document).toEqual(validReport());
      expect(result.backup.profile).toEqual(profile);
    }
  });

  it.each([
    ['an empty file', '', 'empty'],
    ['a corrupt file', '{"format": "bao-cao-cdcs-backup", "vers', 'notJson'],
    ['a file cut short', backupText().slice(0, 200), 'notJson'],
    ['another app’s JSON', JSON.stringify({ format: 'zalo-export', items: [] }), 'notBackup'],
    ['a JSON array', '[1,2,3]', 'notBackup'],
    ['a file from a newer app', JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION + 1, reports: [] }), 'newerVersion'],
  ])('refuses %s', (_name, text, kind) => {
    const result = parse(text);
    expect(result).toMatchObject({ ok: false, problem: { kind } });
  });

  it('carries a report whose acceptance the superior withdrew, with the reason', () => {
    const review = { status: 'withdrawn' as const, comment: 'Chấp nhận nhầm.', decidedAt: '2024-11-04T02:00:00.000Z', revision: '3' };
    const sync = { ...neverSynced(), serverRevision: '3', base: validReport(), pending: false, review };
    const result = parse(JSON.stringify(makeBackup([{ document: validReport(), sync }], profile, '2024-11-05T02:00:00.000Z')));
    expect(result.ok && result.backup.reports[0]?.sync.review).toEqual(review);
  });

  it('refuses a file over 10 MB before reading it', () => {
    expect(parseBackup('{}', MAX_BACKUP_BYTES + 1)).toEqual({ ok: false, problem: { kind: 'tooLarge', bytes: MAX_BACKUP_BYTES + 1 } });
  });

  it('refuses a backup with a report that breaks the schema, naming where', () => {
    const broken = JSON.parse(backupText());
    broken.reports[0].document.period.year = 1999;
    const result = parse(JSON.stringify(broken));
    expect(result).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
    if (!result.ok && result.problem.kind === 'invalid') expect(result.problem.paths[0]).toContain('period');
  });

  it('refuses a backup holding the same report twice', () => {
    const doubled = JSON.parse(backupText());
    doubled.reports.push(doubled.reports[0]);
    expect(parse(JSON.stringify(doubled))).toMatchObject({ ok: false, problem: { kind: 'invalid' } });
  });
});

describe('import plan', () => {
  it('sorts each report into new, newer, older or the same as the local copy', () => {
    const inFile = validReport((r) => (r.updatedAt = '2024-06-01T00:00:00.000Z'));
    const backup = makeBackup(
      [
        { document: inFile, sync: neverSynced() },
        { document: { ...inFile, id: '4c0e3a43-6a0e-4d55-8b8e-0f3c2b7d9a12' }, sync: neverSynced() },
      ],
      null,
      '2024-06-02T00:00:00.000Z',
    );
    const at = (updatedAt: string) => new Map([[REPORT_ID, { ...inFile, updatedAt }]]);
    expect(planImport(backup, new Map()).map((i) => i.action)).toEqual(['new', 'new']);
    expect(planImport(backup, at('2024-05-01T00:00:00.000Z'))[0]?.action).toBe('newer');
    expect(planImport(backup, at('2024-07-01T00:00:00.000Z'))[0]?.action).toBe('older');
    expect(planImport(backup, at('2024-06-01T00:00:00.000Z'))[0]?.action).toBe('same');
  });
});

describe('backup of what the printed report needs', () => {
  const printingProfile = {
    ...profile,
    superiorName: 'Công đoàn các Khu công nghiệp tỉnh Tây Ninh',
    shortName: 'CĐCS',
    placeName: 'Tây Ninh',
    signerName: 'Nguyễn Thị Hồng Nhung',
    signerTitle: 'Chủ tịch',
    recipients: 'Ban Giám đốc Công ty',
  };

  it('carries the profile’s header and signature details and each report’s number and date', () => {
    const report = validReport((r) => (r.issuance = { number: '05', date: '2024-12-05' }));
    const text = JSON.stringify(makeBackup([{ document: report, sync: neverSynced() }], printingProfile, '2024-12-06T02:00:00.000Z'));
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.backup.profile).toEqual(printingProfile);
    expect(result.backup.reports[0]?.document.issuance).toEqual({ number: '05', date: '2024-12-05' });
  });

  it('still reads a file written before those fields existed', () => {
    const { issuance: _issuance, ...oldReport } = validReport();
    const text = JSON.stringify(makeBackup([{ document: oldReport as never, sync: neverSynced() }], profile, '2024-11-05T02:00:00.000Z'));
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.backup.reports[0]?.document.issuance).toBeUndefined();
  });

  it('refuses a report date that is not a calendar date', () => {
    const report = validReport((r) => (r.issuance = { number: '05', date: '05/12/2024' }));
    const text = JSON.stringify(makeBackup([{ document: report, sync: neverSynced() }], profile, '2024-12-06T02:00:00.000Z'));
    const result = parse(text);
    expect(result.ok).toBe(false);
  });
});
