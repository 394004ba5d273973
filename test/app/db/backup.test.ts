import { afterEach, describe, expect, it } from 'vitest';
import { ImportPlanChangedError, type LocalStore } from '../../../src/app/db';
import { BackupRepository, countActions } from '../../../src/app/db/backup';
import { parseBackup } from '../../../src/domain/backup';
import { PROVINCE_FORM } from './formFixtures';
import { openFreshStore } from './helpers';

const stores: LocalStore[] = [];
async function store(): Promise<LocalStore> {
  const s = await openFreshStore();
  stores.push(s);
  return s;
}
afterEach(() => {
  while (stores.length) stores.pop()!.close();
});

const PROFILE = { unionName: 'CĐCS Công ty May Tây Ninh', employer: 'Công ty May Tây Ninh', sector: 'foreign', district: 'Dương Minh Châu' } as const;

async function phoneWithReports(): Promise<LocalStore> {
  const old = await store();
  await old.settings.set('profile', { ...PROFILE });
  await old.settings.set('deviceToken', 'secret-device-token-never-exported');
  await old.settings.set('serverUrl', 'https://ldld.example.vn');
  const a = await old.reports.create({ year: 2023, kind: 'yearly' });
  await old.reports.save({ ...a.document, membership: { ...a.document.membership, workers: 1234, members: 1053 } });
  const b = await old.reports.create({ year: 2024, kind: 'yearly' });
  // One report the server already holds: not pending, with a revision.
  await old.db.reports.update(b.id, { sync: { ...b.sync, pending: false, serverRevision: 'rev-3' } });
  await old.db.outbox.delete(b.id);
  return old;
}

function parsed(text: string) {
  const result = parseBackup(text, new TextEncoder().encode(text).length);
  if (!result.ok) throw new Error(`backup did not parse: ${JSON.stringify(result.problem)}`);
  return result.backup;
}

describe('backup export and import', () => {
  it('moves every report, its unsent changes and the profile to a new phone, and no secret', async () => {
    const old = await phoneWithReports();
    const exported = await new BackupRepository(old).export(new Date('2024-11-05T09:30:00+07:00'));
    expect(exported.fileName).toBe('bao-cao-cdcs-2024-11-05.json');
    expect(exported.reportCount).toBe(2);
    expect(exported.text).not.toContain('secret-device-token');

    const fresh = await store();
    const backup = parsed(exported.text);
    const plan = await new BackupRepository(fresh).plan(backup);
    expect(countActions(plan.items)).toEqual({ new: 2, newer: 0, older: 0, same: 0 });
    const result = await new BackupRepository(fresh).import(backup, plan, { replace: new Set(), replaceProfile: false });
    expect(result).toEqual({ added: 2, replaced: 0, skipped: 0, profileImported: true });

    const before = await old.reports.list();
    const after = await fresh.reports.list();
    expect(after.map((r) => r.document)).toEqual(before.map((r) => r.document));
    expect(after.map((r) => r.sync)).toEqual(before.map((r) => r.sync));
    expect(await fresh.settings.get('profile')).toEqual(PROFILE);
    expect(await fresh.settings.get('serverUrl')).toBe('https://ldld.example.vn');
    expect(await fresh.settings.get('deviceToken')).toBeUndefined();
    // The unsent report goes on to the server from the new phone; the synced one does not.
    const outbox = await fresh.db.outbox.toArray();
    expect(outbox.map((e) => e.reportId)).toEqual(before.filter((r) => r.sync.pending).map((r) => r.id));
  });

  it('never replaces a newer local copy unless the officer chose to', async () => {
    const phone = await phoneWithReports();
    const backup = parsed((await new BackupRepository(phone).export()).text);
    const [report] = await phone.reports.list();
    // Edited after the backup was made: the local copy is newer than the file's.
    await phone.reports.save({ ...report!.document, proposals: { text: 'Sửa sau khi sao lưu' } });

    const plan = await new BackupRepository(phone).plan(backup);
    expect(countActions(plan.items)).toEqual({ new: 0, newer: 0, older: 1, same: 1 });
    const kept = await new BackupRepository(phone).import(backup, plan, { replace: new Set(), replaceProfile: false });
    expect(kept).toEqual({ added: 0, replaced: 0, skipped: 2, profileImported: false });
    expect((await phone.reports.get(report!.id))?.document.proposals.text).toBe('Sửa sau khi sao lưu');

    const replaced = await new BackupRepository(phone).import(backup, plan, { replace: new Set([report!.id]), replaceProfile: false });
    expect(replaced.replaced).toBe(1);
    expect((await phone.reports.get(report!.id))?.document.proposals.text).toBe('');
  });

  it('writes nothing if the local reports changed after the plan was shown', async () => {
    const phone = await phoneWithReports();
    const backup = parsed((await new BackupRepository(phone).export()).text);
    const fresh = await store();
    const plan = await new BackupRepository(fresh).plan(backup);
    const firstId = backup.reports[0]!.document.id;
    // Meanwhile the same report arrives another way (e.g. a second import in another tab).
    await fresh.db.reports.put({
      id: firstId,
      periodKey: '2023-yearly',
      formId: 'ke-hoach-94',
      updatedAt: backup.reports[0]!.document.updatedAt,
      localVersion: 1,
      document: backup.reports[0]!.document,
      sync: backup.reports[0]!.sync,
    });
    await expect(new BackupRepository(fresh).import(backup, plan, { replace: new Set(), replaceProfile: false })).rejects.toBeInstanceOf(
      ImportPlanChangedError,
    );
    expect(await fresh.reports.list()).toHaveLength(1);
  });

  it('warns when a new report from the file has a period this phone already holds under another id', async () => {
    const phone = await phoneWithReports();
    const backup = parsed((await new BackupRepository(phone).export()).text);
    const other = await store();
    const mine = await other.reports.create({ year: 2023, kind: 'yearly' });
    const plan = await new BackupRepository(other).plan(backup);
    const clash = backup.reports.find((r) => r.document.period.year === 2023)!.document.id;
    expect(plan.periodClashes).toEqual([clash]);
    expect(mine.id).not.toBe(clash);
  });

  it('keeps a different local profile unless asked to replace it', async () => {
    const phone = await phoneWithReports();
    const backup = parsed((await new BackupRepository(phone).export()).text);
    const other = await store();
    const mine = { ...PROFILE, unionName: 'CĐCS Trường THCS Suối Đá', sector: 'public' as const };
    await other.settings.set('profile', mine);
    const plan = await new BackupRepository(other).plan(backup);
    expect(plan.profileDiffers).toBe(true);
    await new BackupRepository(other).import(backup, plan, { replace: new Set(), replaceProfile: false });
    expect(await other.settings.get('profile')).toEqual(mine);
  });

  it('fills a profile saved with nothing typed in it, whatever fields its build knew, without asking', async () => {
    const phone = await phoneWithReports();
    const backup = parsed((await new BackupRepository(phone).export()).text);
    const blank = await store();
    await blank.settings.set('profile', { unionName: '', employer: ' ', sector: '', district: '', commune: '', province: '', signerName: '' });
    const plan = await new BackupRepository(blank).plan(backup);
    expect(plan.profileDiffers).toBe(false);
    const result = await new BackupRepository(blank).import(backup, plan, { replace: new Set(), replaceProfile: false });
    expect(result.profileImported).toBe(true);
    // The district an older build kept comes along: nothing the officer typed is lost.
    expect(await blank.settings.get('profile')).toEqual(PROFILE);
  });
});

describe('backup of form reports (issue 22)', () => {
  it('carries the definitions of the non-built-in forms its reports name, and the import stores them', async () => {
    const old = await store();
    await old.forms.put([PROVINCE_FORM, { ...PROVINCE_FORM, version: 1 }]);
    const ref = { id: PROVINCE_FORM.id, version: PROVINCE_FORM.version };
    const created = await old.reports.create({ year: 2025, kind: 'yearly' }, { form: ref });
    await old.reports.save({ ...created.document, values: { SO_BUOI: 5 } });
    await old.reports.create({ year: 2025, kind: 'yearly' }, { form: { id: 'mau-1-hdcd', version: 1 } });
    const backup = parsed((await new BackupRepository(old).export()).text);
    // Only the version a report names; Mẫu 1-HĐCĐ ships with the code.
    expect(backup.forms).toEqual([PROVINCE_FORM]);

    const fresh = await store();
    const repository = new BackupRepository(fresh);
    await repository.import(backup, await repository.plan(backup), { replace: new Set(), replaceProfile: false });
    expect(await fresh.forms.get(ref)).toEqual(PROVINCE_FORM);
    expect((await fresh.reports.findByPeriod({ year: 2025, kind: 'yearly' }, PROVINCE_FORM.id))?.document.values).toEqual({ SO_BUOI: 5 });
  });

  it('imports a backup made before forms (no `forms` key)', async () => {
    const old = await phoneWithReports();
    const text = (await new BackupRepository(old).export()).text;
    expect(JSON.parse(text)).not.toHaveProperty('forms');
    expect(parsed(text).reports).toHaveLength(2);
  });
});
