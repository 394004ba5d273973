/**
 * The local database's shape and its version history. Every schema change is a new
 * `db.version(n)` with an upgrade function, tested on data written by the version before
 * (test/app/db/upgrade.test.ts). Never edit an old version's stores: phones hold data written by it.
 */
import type { Superior } from '../../domain/organisation';
import type Dexie from 'dexie';
import type { EntityTable, Table } from 'dexie';
import { periodKey } from '../../domain/period';
import type { ReportDocument, UnionProfile } from '../../domain/report';
import type { ReportingRound } from '../../domain/round';
import { neverSynced, type LocalReportSync } from '../../domain/sync';
import type { FormDefinition } from '../../domain/forms/definition';
import { reportFormRef } from '../../domain/forms/formRef';
import type { Language } from '../i18n/language';
import { newUuid } from './ids';

export const DATABASE_NAME = 'bao-cao-cdcs';

/** A report as the device keeps it: the document and where it stands with the server. */
export interface StoredReport {
  id: string;
  /** `periodKey(document.period)`, indexed for "one report per period" and "previous period". */
  periodKey: string;
  /**
   * The id of the form the report answers (`reportFormRef(document).id`: Plan 94's for a report that
   * names none), indexed with `periodKey` for "one report per period and form" (version 4).
   */
  formId: string;
  /** Copy of `document.updatedAt`, indexed to list the latest first. For people: "last edited". */
  updatedAt: string;
  /**
   * Moves on (+1) with every write of `document` on this device — an edit, a merge, a pull, a
   * conflict decision, an import, a status change, from any tab — and never goes back. "Did the
   * stored copy change since I read it?" compares this, never `updatedAt` (a merge keeps the later
   * of two edit times, which can be the reader's own). Writes of the sync fields alone keep it.
   * Local to this device: not sent to the server, not in backups. See docs/decisions/0002-local-versions.md.
   */
  localVersion: number;
  document: ReportDocument;
  sync: LocalReportSync;
}

/** A stored document and the local version it was read at: what an open editor's form grew from. */
export type ReportVersion = Pick<StoredReport, 'document' | 'localVersion'>;

/**
 * One entry per report with changes the server has not seen. Written in the same transaction as the
 * report; a new edit replaces the entry (new `idempotencyKey`), so ten edits make one push.
 * The sync engine removes an entry only if its `idempotencyKey` is still the one it pushed.
 */
export interface OutboxEntry {
  reportId: string;
  /** ISO time of the edit that queued this entry. */
  queuedAt: string;
  /** Failed push attempts of this entry so far (drives backoff). */
  attempts: number;
  /** Epoch milliseconds before which the sync engine should not try again. */
  nextAttemptAt: number;
  /** Sent as `Idempotency-Key`: a replayed push returns the stored answer. */
  idempotencyKey: string;
}

/** Everything kept under `settings`, by key. The device token never goes into a backup. */
export interface SettingValues {
  profile: UnionProfile;
  language: Language;
  serverUrl: string;
  deviceToken: string;
  deviceName: string;
  lastSyncAt: string;
  syncCursor: string;
  /** The union's direct upper-level union, from enrolment and kept current by the change feed. */
  superior: Superior;
  /** The reporting rounds of this union as the last pull delivered them (a short list, replaced whole). */
  rounds: ReportingRound[];
  /** Web Push on this device (src/app/pwa/push.ts): the officer's answer and a server call still to make. */
  push: PushSetting;
}
export type SettingKey = keyof SettingValues;

/**
 * `accepted`: notifications on (subscribed, or to subscribe when there is a connection); `refused`: the
 * officer said no or the browser denied it (never asked again; Settings can turn it on); `off`: turned off
 * in Settings. `pending`: the server call this answer still needs (made offline), sent at the next chance.
 * `endpoint`: the subscription the server last took, so that one the browser renewed is sent again.
 */
export interface PushSetting {
  decision: 'accepted' | 'refused' | 'off';
  pending: 'subscription' | 'refusal' | 'unsubscribe' | null;
  endpoint?: string;
}

export interface SettingRecord {
  key: SettingKey;
  value: SettingValues[SettingKey];
}

/**
 * A form definition the change feed brought (a round names it and it does not ship with the code),
 * kept so the phone fills it offline. Built-in forms are never stored: they come from the code.
 */
export type StoredForm = FormDefinition;

export type ReportDatabase = Dexie & {
  reports: EntityTable<StoredReport, 'id'>;
  outbox: EntityTable<OutboxEntry, 'reportId'>;
  settings: EntityTable<SettingRecord, 'key'>;
  forms: Table<StoredForm, [string, number]>;
};

/** Version 1, the first release: reports without any sync state, no outbox. Kept to upgrade from. */
export const VERSION_1_STORES = {
  reports: 'id, periodKey, updatedAt',
  settings: 'key',
} as const;

export const VERSION_2_STORES = {
  reports: 'id, periodKey, updatedAt',
  outbox: 'reportId, nextAttemptAt',
  settings: 'key',
} as const;

/** Version 3 adds `localVersion` to every report (no new index). */
export const VERSION_3_STORES = VERSION_2_STORES;

/**
 * Version 4 (issue 22): one report per period and form, `formId` on every report with its index
 * beside `periodKey`; the `forms` table holds the definitions of non-built-in forms by id and version.
 */
export const VERSION_4_STORES = {
  reports: 'id, periodKey, [periodKey+formId], updatedAt',
  outbox: 'reportId, nextAttemptAt',
  settings: 'key',
  forms: '[id+version]',
} as const;

export const CURRENT_VERSION = 4;

/**
 * The row of a document written over `previous` (undefined for a report new on this device): its
 * indexed copies (`periodKey`, `updatedAt`) always follow the document and its local version moves on.
 */
export function storedReport(document: ReportDocument, sync: LocalReportSync, previous: StoredReport | undefined): StoredReport {
  return {
    id: document.id,
    periodKey: periodKey(document.period),
    formId: reportFormRef(document).id,
    updatedAt: document.updatedAt,
    localVersion: (previous?.localVersion ?? 0) + 1,
    document,
    sync,
  };
}

/** The row with only its sync fields changed: the document, and so its local version, stay. */
export function withSync(stored: StoredReport, sync: LocalReportSync): StoredReport {
  return { ...stored, sync };
}

/** Now, or strictly later than `previous`, so "newer" comparisons (backup plan, sync) never see a tie after an edit. */
export function nextTimestamp(previous: string | undefined): string {
  const now = new Date();
  if (previous && now.toISOString() <= previous) return new Date(Date.parse(previous) + 1).toISOString();
  return now.toISOString();
}

export function newOutboxEntry(reportId: string, queuedAt: string): OutboxEntry {
  return { reportId, queuedAt, attempts: 0, nextAttemptAt: 0, idempotencyKey: newUuid() };
}

export function declareVersions(db: Dexie): void {
  db.version(1).stores(VERSION_1_STORES);
  db.version(2)
    .stores(VERSION_2_STORES)
    .upgrade(async (tx) => {
      // Version 1 never talked to a server: every report is "only on this phone" and waits to be sent.
      const reports = tx.table<StoredReport, string>('reports');
      await reports.toCollection().modify((report) => {
        report.sync = neverSynced();
      });
      const now = new Date().toISOString();
      const ids = await reports.toCollection().primaryKeys();
      await tx.table<OutboxEntry, string>('outbox').bulkPut(ids.map((id) => newOutboxEntry(id, now)));
    });
  db.version(3)
    .stores(VERSION_3_STORES)
    .upgrade(async (tx) => {
      // Every report starts counting here; an editor open in an older tab reloads anyway (versionchange).
      await tx.table<StoredReport, string>('reports').toCollection().modify((report) => {
        report.localVersion = 1;
      });
    });
  db.version(4)
    .stores(VERSION_4_STORES)
    .upgrade(async (tx) => {
      // Every report written so far names no form or the one it answers; nothing else moves.
      await tx.table<StoredReport, string>('reports').toCollection().modify((report) => {
        report.formId = reportFormRef(report.document).id;
      });
    });
}
