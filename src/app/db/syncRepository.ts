/**
 * The sync engine's transactions on the device's database. Each one reads and writes the report and
 * its outbox entry in one IndexedDB transaction, so an autosave that lands while a push is in flight
 * is never lost: an outbox entry is removed only if its `idempotencyKey` is still the one pushed
 * (a newer edit replaces the entry with a new key, see `ReportRepository.save`).
 *
 * A report the server refuses (409, 422) is set aside by pushing its outbox entry's `nextAttemptAt`
 * to the far future; the next edit replaces the entry (`nextAttemptAt: 0`) and so retries it.
 */
import type { Superior } from '../../domain/organisation';
import { afterCommit } from './events';
import Dexie from 'dexie';
import { sameValue, mergeReports } from '../../domain/merge';
import { periodKey } from '../../domain/period';
import type { FormDefinition } from '../../domain/forms/definition';
import { profileAfterEnrolment, type EnrolledUnion } from '../../domain/profile';
import { emptyProfile, type ReportDocument, type UnionProfile } from '../../domain/report';
import type { ReportingRound } from '../../domain/round';
import { rememberReturn, type ApiError, type LocalReportSync, type ServerReport, type UnansweredPush } from '../../domain/sync';
import type { LocalStore } from './database';
import { withStorageErrors } from './errors';
import { newUuid } from './ids';
import { newOutboxEntry, nextTimestamp, storedReport, withSync, type OutboxEntry, type ReportDatabase, type StoredReport } from './schema';

/** `nextAttemptAt` of an entry set aside until the officer edits the report. */
export const SET_ASIDE = Number.MAX_SAFE_INTEGER;

/** Unanswered pushes kept per report (each one replayed costs a request). */
const MAX_UNANSWERED = 4;

export interface SyncConnection {
  serverUrl: string;
  deviceToken: string;
}

/** What the device holds for one queued report, read together in one transaction. */
export interface PushCandidate {
  entry: OutboxEntry;
  document: ReportDocument;
  sync: LocalReportSync;
}

/** What a pulled server report did to the local copy. */
export type PullOutcome =
  | 'created' // a report made on the union's other device
  | 'updated' // the server's newer copy replaced an unchanged local copy
  | 'merged' // merged into local edits waiting to be pushed
  | 'conflict' // local edits and the server's disagree: the officer decides
  | 'review' // only the superior's decision changed
  | 'unchanged';

/** The sync engine's view of the database. `SyncRepository` implements it on Dexie; tests may too. */
export interface SyncStorage {
  connection(): Promise<SyncConnection | null>;
  /** Queued reports that may be pushed now: due, not set aside, not waiting for the officer's decision. */
  dueOutbox(now: number): Promise<OutboxEntry[]>;
  pushCandidate(reportId: string): Promise<PushCandidate | null>;
  /** The server accepted a push. Returns whether the report is now in sync (no newer edit came meanwhile). */
  completePush(reportId: string, idempotencyKey: string, server: ServerReport): Promise<boolean>;
  /**
   * A push met a newer server copy (412) and the merge found nothing to ask: keep `merged` on
   * `remote`'s revision and queue it with a new key. Returns false, writing nothing, if the officer
   * edited the report since the push (the next round merges again).
   */
  saveMerge(reportId: string, idempotencyKey: string, merged: ReportDocument, remote: ServerReport): Promise<boolean>;
  setConflict(reportId: string, remote: ServerReport): Promise<void>;
  setRefusal(reportId: string, idempotencyKey: string, refusal: ApiError): Promise<void>;
  /** The pushed key was already used for another body (422 idempotency_key_reused): take a new one. */
  renewIdempotencyKey(reportId: string, idempotencyKey: string): Promise<void>;
  /** The server no longer knows the revision's report (404 on If-Match): push again as a creation. */
  forgetServerRevision(reportId: string): Promise<void>;
  /** A push went out and no answer came back: remember it, to replay it before the next push. */
  rememberUnanswered(reportId: string, push: UnansweredPush): Promise<void>;
  /**
   * The replay of an unanswered push was answered: forget it, and if the server holds it (`server`),
   * that revision — this device's own copy — is the base of the next push.
   */
  settleUnanswered(reportId: string, idempotencyKey: string, server: ServerReport | null): Promise<void>;
  applyServerReport(remote: ServerReport): Promise<PullOutcome>;
  syncCursor(): Promise<string | null>;
  saveSyncProgress(cursor: string, lastSyncAt: string): Promise<void>;
  /** The union's superior as the change feed names it (null: the server knows none). */
  saveSuperior?(superior: Superior | null): Promise<void>;
  lastSyncAt(): Promise<string | null>;
  /**
   * The union's reporting rounds as the server listed them (replacing the ones held). A report set
   * aside because its round was closed is queued again once its round is open to the union.
   * Returns whether any report was queued again.
   */
  saveRounds(rounds: ReportingRound[]): Promise<boolean>;
  /**
   * The definitions of the non-built-in forms the rounds name (issue 22), kept so the phone fills them
   * offline. Called before `saveRounds`, so a round never names a form the phone does not hold.
   */
  saveForms?(forms: FormDefinition[]): Promise<void>;
}

function syncedState(server: ServerReport, previous?: LocalReportSync): LocalReportSync {
  return {
    serverRevision: server.revision,
    base: server.document,
    pending: false,
    review: server.review,
    refusal: null,
    conflict: null,
    lastReturn: rememberReturn(previous?.lastReturn, server),
  };
}

/** The server's decision taken in, and remembered if it is a return. */
function withReview(sync: LocalReportSync, server: ServerReport): LocalReportSync {
  return { ...sync, review: server.review, lastReturn: rememberReturn(sync.lastReturn, server) };
}

export class SyncRepository implements SyncStorage {
  constructor(private readonly store: LocalStore) {}

  private get db(): ReportDatabase {
    return this.store.db;
  }

  private rw<T>(work: (db: ReportDatabase) => Promise<T>, db: ReportDatabase = this.db): Promise<T> {
    return withStorageErrors(() => db.transaction('rw', db.reports, db.outbox, () => work(db)));
  }

  async connection(): Promise<SyncConnection | null> {
    const [serverUrl, deviceToken] = await Promise.all([
      this.store.settings.get('serverUrl'),
      this.store.settings.get('deviceToken'),
    ]);
    return serverUrl && deviceToken ? { serverUrl, deviceToken } : null;
  }

  /** Keep the server address and the device's token after enrolment. */
  async saveEnrolment(serverUrl: string, deviceToken: string, deviceName: string): Promise<void> {
    await withStorageErrors(() =>
      this.db.transaction('rw', this.db.settings, async () => {
        await this.db.settings.bulkPut([
          { key: 'serverUrl', value: serverUrl },
          { key: 'deviceToken', value: deviceToken },
          { key: 'deviceName', value: deviceName },
        ]);
        // A new enrolment may be another union's server: read its changes from the start.
        await this.db.settings.delete('syncCursor');
      }),
    );
  }

  /** Forget the token (revoked, or the officer signs this device out); reports stay on the device. */
  async forgetEnrolment(): Promise<void> {
    await this.store.settings.remove('deviceToken');
  }

  async dueOutbox(now: number): Promise<OutboxEntry[]> {
    return withStorageErrors(() =>
      this.db.transaction('r', this.db.reports, this.db.outbox, async () => {
        const entries = await this.db.outbox.where('nextAttemptAt').belowOrEqual(now).toArray();
        const reports = await this.db.reports.bulkGet(entries.map((entry) => entry.reportId));
        return entries
          .filter((_, index) => !reports[index]?.sync.conflict)
          .sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0));
      }),
    );
  }

  async pushCandidate(reportId: string): Promise<PushCandidate | null> {
    return withStorageErrors(() =>
      this.db.transaction('r', this.db.reports, this.db.outbox, async () => {
        const [entry, stored] = await Promise.all([this.db.outbox.get(reportId), this.db.reports.get(reportId)]);
        if (!entry || !stored) return null;
        return { entry, document: stored.document, sync: stored.sync };
      }),
    );
  }

  completePush(reportId: string, idempotencyKey: string, server: ServerReport): Promise<boolean> {
    return this.rw(async (db) => {
      const [entry, stored] = await Promise.all([db.outbox.get(reportId), db.reports.get(reportId)]);
      if (!stored) return true; // deleted on this device meanwhile; the server keeps its copy
      const unchanged = entry?.idempotencyKey === idempotencyKey;
      if (unchanged) await db.outbox.delete(reportId);
      // If a newer edit replaced the entry, the server's revision is still the right base for its push.
      const sync: LocalReportSync = { ...syncedState(server, stored.sync), pending: !unchanged };
      await db.reports.put(withSync(stored, sync));
      return unchanged;
    });
  }

  saveMerge(reportId: string, idempotencyKey: string, merged: ReportDocument, remote: ServerReport): Promise<boolean> {
    return this.rw(async (db) => {
      const [entry, stored] = await Promise.all([db.outbox.get(reportId), db.reports.get(reportId)]);
      if (!stored || entry?.idempotencyKey !== idempotencyKey) return false;
      if (sameValue(merged, remote.document)) {
        // Nothing of ours is missing on the server: in sync without another push.
        await db.outbox.delete(reportId);
        await db.reports.put(storedReport(remote.document, syncedState(remote, stored.sync), stored));
        return true;
      }
      await db.outbox.put(newOutboxEntry(reportId, entry.queuedAt));
      await db.reports.put(storedReport(merged, { ...syncedState(remote, stored.sync), pending: true }, stored));
      return true;
    });
  }

  setConflict(reportId: string, remote: ServerReport): Promise<void> {
    return this.rw(async (db) => {
      const stored = await db.reports.get(reportId);
      if (!stored) return;
      await db.reports.put(withSync(stored, { ...withReview(stored.sync, remote), conflict: remote }));
    });
  }

  setRefusal(reportId: string, idempotencyKey: string, refusal: ApiError): Promise<void> {
    return this.rw(async (db) => {
      const [entry, stored] = await Promise.all([db.outbox.get(reportId), db.reports.get(reportId)]);
      if (!stored) return;
      // Set aside only the refused snapshot: an edit made meanwhile has its own chance.
      if (entry?.idempotencyKey === idempotencyKey) await db.outbox.put({ ...entry, nextAttemptAt: SET_ASIDE });
      await db.reports.put(withSync(stored, { ...stored.sync, refusal }));
    });
  }

  renewIdempotencyKey(reportId: string, idempotencyKey: string): Promise<void> {
    return this.rw(async (db) => {
      const entry = await db.outbox.get(reportId);
      if (entry?.idempotencyKey === idempotencyKey) await db.outbox.put({ ...entry, idempotencyKey: newUuid() });
    });
  }

  forgetServerRevision(reportId: string): Promise<void> {
    return this.rw(async (db) => {
      const stored = await db.reports.get(reportId);
      if (!stored) return;
      await db.reports.put(withSync(stored, { ...stored.sync, serverRevision: null, base: null }));
    });
  }

  /**
   * The officer decided a conflict: `resolved` becomes the local copy on the server revision it was
   * decided against, and is queued for a push. Written durably: it is a decision, not a keystroke.
   * Returns the stored document (null if there was no conflict); an open editor must take it over.
   */
  resolveConflict(reportId: string, resolved: ReportDocument, decidedAgainstRevision: string): Promise<ReportDocument | null> {
    return this.rw(async (db) => {
      const stored = await db.reports.get(reportId);
      const conflict = stored?.sync.conflict;
      if (!stored || !conflict) return null;
      if (conflict.revision !== decidedAgainstRevision) {
        throw new Error('The server copy changed while deciding; decide again on the newer copy');
      }
      const document: ReportDocument = { ...resolved, updatedAt: nextTimestamp(stored.document.updatedAt) };
      await db.outbox.put(newOutboxEntry(reportId, document.updatedAt));
      await db.reports.put(
        storedReport(document, {
          ...stored.sync,
          serverRevision: conflict.revision,
          base: conflict.document,
          pending: true,
          refusal: null,
          conflict: null,
        }, stored),
      );
      return document;
    }, this.store.strictDb);
  }

  rememberUnanswered(reportId: string, push: UnansweredPush): Promise<void> {
    return this.rw(async (db) => {
      const stored = await db.reports.get(reportId);
      if (!stored) return;
      const unanswered = [...(stored.sync.unanswered ?? []).filter((p) => p.idempotencyKey !== push.idempotencyKey), push];
      await db.reports.put(withSync(stored, { ...stored.sync, unanswered: unanswered.slice(-MAX_UNANSWERED) }));
    });
  }

  settleUnanswered(reportId: string, idempotencyKey: string, server: ServerReport | null): Promise<void> {
    return this.rw(async (db) => {
      const stored = await db.reports.get(reportId);
      if (!stored) return;
      const unanswered = (stored.sync.unanswered ?? []).filter((p) => p.idempotencyKey !== idempotencyKey);
      const known = server ? { serverRevision: server.revision, base: server.document, review: server.review } : {};
      await db.reports.put(withSync(stored, { ...stored.sync, ...known, unanswered }));
    });
  }

  applyServerReport(remote: ServerReport): Promise<PullOutcome> {
    return this.rw(async (db): Promise<PullOutcome> => {
      const id = remote.document.id;
      const [entry, stored] = await Promise.all([db.outbox.get(id), db.reports.get(id)]);
      if (!stored) {
        await db.reports.put(storedReport(remote.document, syncedState(remote), undefined));
        return 'created';
      }
      const sync = stored.sync;
      if (remote.revision === sync.serverRevision) {
        if (sameValue(remote.review, sync.review)) return 'unchanged';
        await db.reports.put(withSync(stored, withReview(sync, remote)));
        return 'review';
      }
      if (sync.conflict) {
        if (sync.conflict.revision === remote.revision) {
          if (sameValue(remote.review, sync.conflict.review)) return 'unchanged';
          await db.reports.put(withSync(stored, { ...withReview(sync, remote), conflict: remote }));
          return 'review';
        }
        // Still waiting for the officer: decide against the newest server copy.
        await db.reports.put(withSync(stored, { ...withReview(sync, remote), conflict: remote }));
        return 'conflict';
      }
      if (!entry) {
        await db.reports.put(storedReport(remote.document, syncedState(remote, stored.sync), stored));
        return 'updated';
      }
      // Local edits wait to be pushed: merge now so the push carries both sides on the new revision.
      const { merged, conflicts } = mergeReports(sync.base, stored.document, remote.document);
      if (conflicts.length > 0) {
        await db.reports.put(withSync(stored, { ...withReview(sync, remote), conflict: remote }));
        return 'conflict';
      }
      if (sameValue(merged, remote.document)) {
        await db.outbox.delete(id);
        await db.reports.put(storedReport(remote.document, syncedState(remote, stored.sync), stored));
        return 'updated';
      }
      await db.outbox.put({ ...newOutboxEntry(id, entry.queuedAt) });
      await db.reports.put(
        storedReport(merged, { ...syncedState(remote, stored.sync), pending: true, refusal: sync.refusal }, stored),
      );
      return 'merged';
    });
  }

  async syncCursor(): Promise<string | null> {
    return (await this.store.settings.get('syncCursor')) ?? null;
  }

  async saveSyncProgress(cursor: string, lastSyncAt: string): Promise<void> {
    await withStorageErrors(() =>
      this.db.settings.bulkPut([
        { key: 'syncCursor', value: cursor },
        { key: 'lastSyncAt', value: lastSyncAt },
      ]),
    );
  }

  async saveSuperior(superior: Superior | null): Promise<void> {
    if (!superior) return this.store.settings.remove('superior');
    const saved = await this.store.settings.get('superior');
    // Unchanged on almost every pull: write only a change, so watchers re-read only then.
    if (saved && saved.id === superior.id && saved.name === superior.name && saved.shortName === superior.shortName && saved.kind === superior.kind) return;
    await this.store.settings.set('superior', { id: superior.id, kind: superior.kind, name: superior.name, shortName: superior.shortName });
  }

  /**
   * At enrolment: the profile's empty fields take what the server knows (union, superior, address);
   * what the officer typed stays. Read and written in one transaction, so a profile saved meanwhile
   * from another tab is what gets filled, never overwritten by an older copy.
   */
  async fillProfile(enrolled: EnrolledUnion): Promise<void> {
    const db = this.db;
    await withStorageErrors(() =>
      db.transaction('rw', db.settings, async () => {
        const saved = ((await db.settings.get('profile'))?.value as UnionProfile | undefined) ?? emptyProfile();
        const filled = profileAfterEnrolment(saved, enrolled);
        if (filled !== saved) await db.settings.put({ key: 'profile', value: filled });
      }),
    );
  }

  async lastSyncAt(): Promise<string | null> {
    return (await this.store.settings.get('lastSyncAt')) ?? null;
  }

  saveForms(forms: FormDefinition[]): Promise<void> {
    // The server checked each definition when it was published (and a published one never changes);
    // one without sections could not be drawn, so it is left out rather than kept to break the editor.
    return this.store.forms.put(forms.filter((form) => Array.isArray(form.sections) && form.sections.length > 0));
  }

  saveRounds(rounds: ReportingRound[]): Promise<boolean> {
    const db = this.db;
    return withStorageErrors(() =>
      db.transaction('rw', db.settings, db.reports, db.outbox, async () => {
        await db.settings.put({ key: 'rounds', value: rounds });
        // The first round of a period in the list is the one that applies (nearest superior first).
        const closed = new Set<string>();
        const seen = new Set<string>();
        for (const round of rounds) {
          const key = periodKey(round.period);
          if (seen.has(key)) continue;
          seen.add(key);
          if (round.closedAt != null) closed.add(key);
        }
        const refused = await db.reports.filter((report) => report.sync.refusal?.error === 'round_closed').toArray();
        const reopened = refused.filter((stored) => !closed.has(stored.periodKey));
        for (const stored of reopened) {
          // Reopened for this union (or the round is gone): send it again at once.
          await db.reports.put(withSync(stored, { ...stored.sync, refusal: null }));
          const entry = await db.outbox.get(stored.id);
          await db.outbox.put(entry ? { ...entry, nextAttemptAt: 0 } : newOutboxEntry(stored.id, stored.updatedAt));
        }
        return reopened.length > 0;
      }),
    );
  }

  /**
   * Calls `listener` with the stored report whenever it changes, in this tab or another. An open
   * editor uses it to take over what sync wrote underneath it (a pull, a merge, a decision): when
   * the stored `updatedAt` is not the one it saved last, it rebases the officer's unsaved edits with
   * `mergeReports(loaded, edited, stored.document).merged` instead of overwriting the stored copy.
   */
  watchReport(reportId: string, listener: (report: StoredReport | undefined) => void): () => void {
    const prefix = `idb://${this.db.name}/reports/`;
    let active = true;
    const onMutated = (parts: Record<string, unknown>) => {
      if (!Object.keys(parts).some((key) => key.startsWith(prefix))) return;
      afterCommit(() =>
        this.db.reports.get(reportId).then(
          (report) => active && listener(report),
          () => undefined,
        ),
      );
    };
    Dexie.on('storagemutated', onMutated);
    return () => {
      active = false;
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }

  /**
   * Calls `listener` with the outbox now and whenever it changes, in this tab or another (Dexie
   * relays its `storagemutated` event between tabs), e.g. to push soon after an edit.
   */
  watchOutbox(listener: (entries: OutboxEntry[]) => void): () => void {
    const prefix = `idb://${this.db.name}/outbox/`;
    let active = true;
    const read = () => {
      this.db.outbox.toArray().then(
        (entries) => active && listener(entries),
        () => {
          // A closed database (upgrade in another tab) ends the watch; the page reloads anyway.
        },
      );
    };
    const onMutated = (parts: Record<string, unknown>) => {
      if (Object.keys(parts).some((key) => key.startsWith(prefix))) afterCommit(read);
    };
    Dexie.on('storagemutated', onMutated);
    read();
    return () => {
      active = false;
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }
}
