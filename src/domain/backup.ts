/**
 * The JSON backup: every report and the union profile, with each report's sync state so a new
 * phone can go on where the old one stopped (changes not yet sent included). No secrets: the
 * device token never goes into a backup.
 */
import { vietnamDate } from './calendar';
import * as z from 'zod/mini';
import { sameValue } from './merge';
import { reportDocumentSchema, unionProfileSchema, type ReportDocument, type UnionProfile } from './reportSchema';
import { DECISION_STATUSES, type LocalReportSync } from './sync';
import { formDefinitionSchema, type FormDefinition } from './forms/definition';

export const BACKUP_FORMAT = 'bao-cao-cdcs-backup';
export const BACKUP_VERSION = 1;
export const MAX_BACKUP_BYTES = 10 * 1024 * 1024;

const apiErrorSchema = z.object({ error: z.string(), message: z.string(), details: z.optional(z.unknown()) });
const reviewSchema = z.object({
  status: z.enum(DECISION_STATUSES),
  comment: z.string(),
  decidedAt: z.string(),
  revision: z.optional(z.string()),
  node: z.optional(z.object({ id: z.string(), name: z.string() })),
});

const localSyncSchema = z.object({
  serverRevision: z.nullable(z.string()),
  base: z.nullable(reportDocumentSchema),
  pending: z.boolean(),
  review: z.nullable(reviewSchema),
  refusal: z.nullable(apiErrorSchema),
  conflict: z.nullable(
    z.object({
      document: reportDocumentSchema,
      revision: z.string(),
      unionId: z.string(),
      review: z.nullable(reviewSchema),
      savedAt: z.string(),
    }),
  ),
  lastReturn: z.optional(z.nullable(z.object({ review: reviewSchema, revision: z.string(), document: reportDocumentSchema }))),
});

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.iso.datetime(),
  profile: z.nullable(unionProfileSchema),
  /** Not a secret: the address of the server this device synced with, if any. */
  serverUrl: z.optional(z.nullable(z.string())),
  reports: z.array(z.object({ document: reportDocumentSchema, sync: localSyncSchema })),
  /**
   * The definitions of the forms its reports name that do not ship with the code (issue 22), so the
   * reports open on a phone that never synced. Absent from a backup made before forms.
   */
  forms: z.optional(z.array(formDefinitionSchema)),
});

export interface BackupEntry {
  document: ReportDocument;
  sync: LocalReportSync;
}
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  profile: UnionProfile | null;
  serverUrl?: string | null;
  reports: BackupEntry[];
  forms?: FormDefinition[];
}

export function makeBackup(
  reports: BackupEntry[],
  profile: UnionProfile | null,
  exportedAt: string,
  serverUrl: string | null = null,
  forms: FormDefinition[] = [],
): Backup {
  const backup: Backup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, profile, serverUrl, reports };
  return forms.length > 0 ? { ...backup, forms } : backup;
}

/** `bao-cao-cdcs-YYYY-MM-DD.json`, dated by Vietnam's calendar (calendar.ts), whatever the phone's clock zone. */
export function backupFileName(now: Date): string {
  return `bao-cao-cdcs-${vietnamDate(now)}.json`;
}

export type BackupProblem =
  | { kind: 'tooLarge'; bytes: number }
  | { kind: 'empty' }
  | { kind: 'notJson' }
  | { kind: 'notBackup' }
  | { kind: 'newerVersion'; version: number }
  | { kind: 'invalid'; paths: string[] };

export type BackupParseResult = { ok: true; backup: Backup } | { ok: false; problem: BackupProblem };

/** Validate a whole file before anything is written. `bytes` is the file's size as read from disk. */
export function parseBackup(text: string, bytes: number): BackupParseResult {
  if (bytes > MAX_BACKUP_BYTES) return { ok: false, problem: { kind: 'tooLarge', bytes } };
  if (text.trim() === '') return { ok: false, problem: { kind: 'empty' } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: { kind: 'notJson' } };
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BACKUP_FORMAT)
    return { ok: false, problem: { kind: 'notBackup' } };
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION) return { ok: false, problem: { kind: 'newerVersion', version } };
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success)
    return { ok: false, problem: { kind: 'invalid', paths: parsed.error.issues.slice(0, 10).map((i) => i.path.join('.')) } };
  const ids = new Set<string>();
  for (const entry of parsed.data.reports) {
    if (ids.has(entry.document.id)) return { ok: false, problem: { kind: 'invalid', paths: [`reports.${entry.document.id}`] } };
    ids.add(entry.document.id);
  }
  return { ok: true, backup: parsed.data as Backup };
}

/** What importing one report would do, compared with the local copy of the same id. */
export type ImportAction = 'new' | 'newer' | 'older' | 'same';

export interface ImportPlanItem {
  entry: BackupEntry;
  action: ImportAction;
}

/**
 * `same` only when the two documents are equal: an edit time says when, not what, and two different
 * copies can carry the same one (a merge keeps the later of two edit times). Otherwise the later
 * "last edited" is the newer; a tie is `older`, so the device's copy stays unless the officer chooses.
 */
export function planImport(backup: Backup, local: ReadonlyMap<string, ReportDocument>): ImportPlanItem[] {
  return backup.reports.map((entry) => {
    const existing = local.get(entry.document.id);
    if (!existing) return { entry, action: 'new' };
    if (sameValue(entry.document, existing)) return { entry, action: 'same' };
    return { entry, action: entry.document.updatedAt > existing.updatedAt ? 'newer' : 'older' };
  });
}
