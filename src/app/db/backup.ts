/**
 * Export every report and the profile to a backup file, and import one. An import is planned
 * first (what is new, newer, older or the same as here), replaces a local copy only when the
 * officer chose to, and commits in one strict transaction: all of it or nothing.
 * Imported directly (`db/backup`), not through `db/index`, so it loads with the backup screen only.
 */
import {
  backupFileName,
  makeBackup,
  planImport,
  type Backup,
  type ImportAction,
  type ImportPlanItem,
} from '../../domain/backup';
import { periodKey } from '../../domain/period';
import { formRefKey, isBuiltinFormId, reportFormRef } from '../../domain/forms/reportForm';
import { sameValue } from '../../domain/merge';
import type { ReportDocument, UnionProfile } from '../../domain/report';
import type { LocalStore } from './database';
import { ImportPlanChangedError, withStorageErrors } from './errors';
import { newOutboxEntry, storedReport } from './schema';

export interface ExportedBackup {
  fileName: string;
  text: string;
  reportCount: number;
}

export interface ImportChoice {
  /** Ids of reports (planned `newer` or `older`) whose local copy the officer chose to replace. */
  replace: ReadonlySet<string>;
  /** Replace a different local profile with the backup's. A missing local profile is always filled. */
  replaceProfile: boolean;
}

export interface ImportResult {
  added: number;
  replaced: number;
  skipped: number;
  profileImported: boolean;
}

export interface ImportPlan {
  items: ImportPlanItem[];
  /** The backup's profile differs from a non-empty local one: replacing it needs a choice. */
  profileDiffers: boolean;
  /** Ids of new reports whose period already has a different report here (two reports of one period after import). */
  periodClashes: string[];
  /** The local version of every report on the device when the plan was made: the import checks none moved. */
  seenVersions: ReadonlyMap<string, number>;
}

/** Nothing typed in it: every field blank, whichever fields the build that saved it knew. */
function isEmptyProfile(profile: UnionProfile | undefined): boolean {
  return !profile || Object.values(profile).every((value) => typeof value !== 'string' || value.trim() === '');
}

export function countActions(items: readonly ImportPlanItem[]): Record<ImportAction, number> {
  const counts: Record<ImportAction, number> = { new: 0, newer: 0, older: 0, same: 0 };
  for (const item of items) counts[item.action]++;
  return counts;
}

export class BackupRepository {
  constructor(private readonly store: LocalStore) {}

  /** Everything needed to go on on another phone, unsent changes included; never the device token. */
  export(now: Date = new Date()): Promise<ExportedBackup> {
    const db = this.store.db;
    return withStorageErrors(() =>
      db.transaction('r', [db.reports, db.settings, db.forms], async () => {
        const reports = await db.reports.toArray();
        // The non-built-in forms its reports name, so they open on a phone that never synced (built-ins come with the code).
        const named = new Set(reports.flatMap(({ document }) => (document.form ? [formRefKey(document.form)] : [])));
        const forms = (await db.forms.toArray()).filter((form) => named.has(formRefKey(form)));
        const profile = (await db.settings.get('profile'))?.value as UnionProfile | undefined;
        const serverUrl = (await db.settings.get('serverUrl'))?.value as string | undefined;
        const backup = makeBackup(
          reports.map(({ document, sync }) => ({ document, sync })),
          profile ?? null,
          now.toISOString(),
          serverUrl ?? null,
          forms,
        );
        return { fileName: backupFileName(now), text: JSON.stringify(backup), reportCount: reports.length };
      }),
    );
  }

  /** What importing would do, to show the officer before anything changes. */
  plan(backup: Backup): Promise<ImportPlan> {
    return withStorageErrors(async () => {
      const reports = await this.store.db.reports.toArray();
      const local = new Map(reports.map((r) => [r.id, r.document]));
      const seenVersions = new Map(reports.map((r) => [r.id, r.localVersion]));
      const items = planImport(backup, local);
      // One report per period and form: a new report clashes with a local one of the same period and form.
      const slot = (document: ReportDocument) => `${periodKey(document.period)} ${reportFormRef(document).id}`;
      const localPeriods = new Set([...local.values()].map(slot));
      const periodClashes = items
        .filter((item) => item.action === 'new' && localPeriods.has(slot(item.entry.document)))
        .map((item) => item.entry.document.id);
      const localProfile = (await this.store.db.settings.get('profile'))?.value as UnionProfile | undefined;
      const profileDiffers =
        backup.profile != null && !isEmptyProfile(localProfile) && !sameValue(localProfile!, backup.profile);
      return { items, profileDiffers, periodClashes, seenVersions };
    });
  }

  /**
   * Import as planned. `new` reports are added; `newer`/`older` replace the local copy only when
   * chosen; `same` is left. If any report on the device was written since `plan` was shown (its
   * local version moved, or it came or went), nothing is written (`ImportPlanChangedError`): the
   * officer chose against copies that are no longer there. A report with unsent changes gets an
   * outbox entry, so it still syncs.
   */
  import(backup: Backup, plan: ImportPlan, choice: ImportChoice): Promise<ImportResult> {
    const db = this.store.strictDb;
    return withStorageErrors(() =>
      db.transaction('rw', [db.reports, db.outbox, db.settings, db.forms], async () => {
        const stored = new Map((await db.reports.toArray()).map((r) => [r.id, r]));
        const moved =
          stored.size !== plan.seenVersions.size ||
          [...stored.values()].some((report) => plan.seenVersions.get(report.id) !== report.localVersion);
        if (moved) throw new ImportPlanChangedError();
        const current = planImport(backup, new Map([...stored.values()].map((r) => [r.id, r.document])));

        const result: ImportResult = { added: 0, replaced: 0, skipped: 0, profileImported: false };
        for (const { entry, action } of current) {
          const id = entry.document.id;
          const write = action === 'new' || ((action === 'newer' || action === 'older') && choice.replace.has(id));
          if (!write) {
            result.skipped++;
            continue;
          }
          await db.reports.put(storedReport(entry.document, entry.sync, stored.get(id)));
          if (entry.sync.pending) await db.outbox.put(newOutboxEntry(id, new Date().toISOString()));
          else await db.outbox.delete(id);
          if (action === 'new') result.added++;
          else result.replaced++;
        }

        // A published form never changes: the backup's copy is the one the server sent.
        const forms = (backup.forms ?? []).filter((form) => !isBuiltinFormId(form.id));
        if (forms.length > 0) await db.forms.bulkPut(forms);

        if (backup.profile) {
          const localProfile = (await db.settings.get('profile'))?.value as UnionProfile | undefined;
          if (isEmptyProfile(localProfile) || (choice.replaceProfile && !sameValue(localProfile!, backup.profile))) {
            await db.settings.put({ key: 'profile', value: backup.profile });
            result.profileImported = true;
          }
        }
        if (backup.serverUrl && !(await db.settings.get('serverUrl')))
          await db.settings.put({ key: 'serverUrl', value: backup.serverUrl });
        return result;
      }),
    );
  }
}
