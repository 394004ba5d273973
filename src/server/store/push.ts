/**
 * The push path in the store: the queries that run the push's statements (./pushStatements.ts, compiled
 * once per store) to authenticate, lock, check for a replay, read, write and remember, and the values a
 * push keeps for the roll-ups. Why each step is cheap is in docs/decisions/0005 and 0014: the first reads
 * go as one batch, a push that changes no indexed column leaves the indexes alone, and a ready report's
 * push rewrites only the values (and sums) that changed.
 */
import { type CompiledQuery, type QueryResult } from 'kysely';
import type { FormDefinition } from '../../domain/forms/definition';
import type { FormRef } from '../../domain/forms/reportForm';
import type { PeriodKind } from '../../domain/period';
import type { ReportingRound } from '../../domain/round';
import type { UnionDevice } from '../../domain/staff';
import { toDevice } from './devices';
import { batchOf } from './queryHints';
import { indexedColumnsOf, sumsAsArrays, type IdempotencyRow, type LockRow, type PushedReportRow, type PushQueries, type UnionRoundRow } from './pushStatements';
import { fromReport, type ReportRecord, toReport, toReportHead } from './reports';
import { addContribution, changedSums, isCounted, ratioRows } from './reportValueSums';
import type { Queries, ReportValueSumsTable, ReportValuesTable } from './schema';

export interface IdempotencyRecord {
  bodyHash: string;
  status: number;
  responseJson: string;
}

/** An idempotency record to keep: the answer to one push, under the device's key. */
export type NewIdempotency = IdempotencyRecord & { deviceId: string; key: string; createdAt: string };

/** What lockUnionForChange hands out: the union's next change_seq, and its superior now (with its path). */
export interface UnionLock {
  changeSeq: number;
  superiorId: string | null;
  /** The superior's materialised path (`/<root>/…/<superior>/`): a stored form must be published on it. */
  superiorPath: string | null;
}

export interface PushReadsRequest {
  unionId: string;
  period: { year: number; kind: string };
  /** The id of the form the report answers: the round read is the one that asks for it. */
  formId: string;
  deviceId: string;
  idempotencyKey: string;
  reportId: string;
  documentJson: string;
  /** The revision of this report whose counted rows the caller holds already: its document is not read (-1: none). */
  knownRevision: number;
}

export interface PushReads {
  lock: UnionLock;
  round: ReportingRound | null;
  earlier: IdempotencyRecord | undefined;
  current: PushedReportHead | undefined;
}

/**
 * A stored report without its document, as a push reads it. `indexedColumns` says what the report's
 * indexed columns hold, so that a push that changes none of them can leave the indexes alone.
 */
export type PushedReportHead = Omit<ReportRecord, 'documentJson'> & {
  sameDocument: boolean;
  indexedColumns: string;
  form: FormRef;
  /** The roll-ups count it (./reportValueSums.ts `isCounted`): its values are in report_values and the sums. */
  counted: boolean;
  /** A counted report's stored document (its figures are report_values' rows); null for one not counted, or one at the revision the push said it knows. */
  countedDocument: string | null;
};


function toLock(unionId: string, row: LockRow | undefined): UnionLock {
  if (!row) throw new Error(`union ${unionId} does not exist`);
  return { changeSeq: Number(row.change_seq), superiorId: row.superior_id, superiorPath: row.superior_path ?? null };
}

function toIdempotency(row: IdempotencyRow): IdempotencyRecord {
  return { bodyHash: row.body_hash, status: Number(row.status), responseJson: row.response };
}

function toPushedReportHead(row: PushedReportRow): PushedReportHead {
  return {
    ...toReportHead(row),
    // SQLite answers 1 / 0, PostgreSQL true / false.
    sameDocument: (row.same_document as unknown) === true || Number(row.same_document) === 1,
    indexedColumns: indexedColumnsOf(row),
    form: { id: row.form_id, version: Number(row.form_version) },
    counted: isCounted({ superiorId: row.superior_id, ready: row.status === 'ready', reviewed: row.review_status !== null }),
    countedDocument: row.counted_document ?? null,
  };
}

/** The round as the union sees it (src/domain/round.ts roundForUnion): its reopening opens a closed round again, with its deadline. */
function toUnionRound(row: UnionRoundRow): ReportingRound {
  const reopened = row.closed_at != null && row.reopened_at != null;
  return {
    id: row.id,
    period: { year: Number(row.year), kind: row.kind as PeriodKind },
    form: { id: row.form_id, version: Number(row.form_version) },
    title: row.title,
    plan: row.plan,
    activities: { from: row.activities_from, to: row.activities_to },
    deadline: reopened ? (row.reopened_deadline ?? row.deadline) : row.deadline,
    openedBy: { nodeId: row.node_id, name: row.node_name },
    openedAt: row.opened_at,
    closedAt: reopened ? null : row.closed_at,
    reopenedAt: reopened ? row.reopened_at : null,
  };
}

async function first<Row>(q: Queries, query: CompiledQuery<Row>): Promise<Row | undefined> {
  return (await q.executeQuery(query)).rows[0];
}

// ---- reads ----

export async function findDeviceByTokenHash(q: Queries, push: PushQueries, tokenHash: string): Promise<UnionDevice | undefined> {
  const row = await first(q, push.deviceByTokenHash.bind({ token_hash: tokenHash }));
  return row && toDevice(row);
}

export async function findReport(q: Queries, push: PushQueries, id: string): Promise<ReportRecord | undefined> {
  const row = await first(q, push.report.bind({ id }));
  return row && toReport(row);
}

export async function findRoundForUnion(q: Queries, push: PushQueries, unionId: string, year: number, kind: string, formId: string): Promise<ReportingRound | null> {
  const row = await first(q, push.roundForUnion.bind({ union_id: unionId, year, kind, form_id: formId }));
  return row ? toUnionRound(row) : null;
}

export async function findIdempotency(q: Queries, push: PushQueries, deviceId: string, key: string): Promise<IdempotencyRecord | undefined> {
  const row = await first(q, push.idempotency.bind({ device_id: deviceId, key }));
  return row && toIdempotency(row);
}

export async function lockUnionForChange(q: Queries, push: PushQueries, unionId: string): Promise<UnionLock> {
  return toLock(unionId, await first(q, push.lockUnion.bind({ id: unionId })));
}

export async function lockAndReadForPush(q: Queries, push: PushQueries, request: PushReadsRequest): Promise<PushReads> {
  const { rows } = await q.executeQuery<QueryResult<never>>(
    batchOf([
      push.lockUnion.bind({ id: request.unionId }),
      push.roundForUnion.bind({ union_id: request.unionId, year: request.period.year, kind: request.period.kind, form_id: request.formId }),
      push.idempotency.bind({ device_id: request.deviceId, key: request.idempotencyKey }),
      push.reportForPush.bind({ id: request.reportId, document: request.documentJson, known_revision: request.knownRevision }),
    ]),
  );
  const [lock, round, earlier, current] = rows.map((result) => result.rows[0]) as [LockRow | undefined, UnionRoundRow | undefined, IdempotencyRow | undefined, PushedReportRow | undefined];
  return {
    lock: toLock(request.unionId, lock),
    round: round ? toUnionRound(round) : null,
    earlier: earlier && toIdempotency(earlier),
    current: current && toPushedReportHead(current),
  };
}

// ---- writes (deferrable: their answers are never read) ----

export async function setDeviceLastSeen(q: Queries, push: PushQueries, id: string, at: string): Promise<void> {
  await q.executeQuery(push.setDeviceLastSeen.bind({ id, last_seen_at: at }));
}

/** Whether a report's new row leaves every indexed column as the push read it: then only its content is updated. */
function contentOnly(row: ReturnType<typeof fromReport>, previous: PushedReportHead | undefined): boolean {
  return previous !== undefined && previous.indexedColumns === indexedColumnsOf(row);
}

export async function updateReport(q: Queries, push: PushQueries, report: ReportRecord, document?: object, previous?: PushedReportHead): Promise<void> {
  // created_at never changes; the prepared update leaves it out.
  const row = fromReport(report, document);
  await q.executeQuery((contentOnly(row, previous) ? push.updateReportContent : push.updateReport).bind(row));
}

/**
 * A push's new revision of a stored report, kept in report_revisions too: updateReport then keepRevision,
 * or on PostgreSQL the two in one statement (every statement a push sends costs the process its encoding
 * and its answer's decoding).
 */
export async function updateReportKeepingRevision(q: Queries, push: PushQueries, report: ReportRecord, deviceId: string, document: object, previous: PushedReportHead): Promise<void> {
  const both = push.postgres;
  if (!both) {
    await updateReport(q, push, report, document, previous);
    await keepRevision(q, push, report.id, deviceId);
    return;
  }
  const row = fromReport(report, document);
  await q.executeQuery((contentOnly(row, previous) ? both.updateReportContentKeepingRevision : both.updateReportKeepingRevision).bind({ ...row, device_id: deviceId }));
}

/** Keeps the report's revision as the push just wrote it into `reports` (the database copies its document). */
export async function keepRevision(q: Queries, push: PushQueries, reportId: string, deviceId: string): Promise<void> {
  await q.executeQuery(push.keepRevision.bind({ report_id: reportId, device_id: deviceId }));
}

/** What a push changes of a report's standing in the roll-ups: counted before (filed under `nodeId`), counted after (with `rows`). */
export interface ReportValuesChange {
  reportId: string;
  /**
   * Counted before the push: filed under `nodeId`, with the rows report_values holds for it, as
   * ./reportValues.ts `formValueRows` makes them from its stored document (they are that document's).
   */
  before: { nodeId: string; rows: readonly ReportValuesTable[] } | null;
  after: { nodeId: string; rows: readonly ReportValuesTable[] } | null;
  /** The form the report answers: its ratio rows pair two values. */
  definition: FormDefinition;
}

/**
 * Keeps report_values (counted reports only) and the running sums (./reportValueSums.ts) true after a
 * push, in its transaction: nothing for an uncounted report (a draft's autosave); else the rows that
 * changed out and in, and new − old added to the sums that moved (none when no value changed).
 *
 * The old rows come from the stored document, not from a read of report_values (decision 0014): the push
 * wrote both from the same document in one transaction, and a form version's rows never change.
 *
 * Filed under the same node, only the rows that changed (with the other row of a ratio they take part
 * in) are added up, old out and new in: a sum of an unchanged row would move by a − a = 0, so leaving
 * them out gives the same sums and costs an edit of one figure one row's work, not the form's every
 * row's. A report moved to another node, or first counted, or no longer counted, moves all its rows.
 */
export async function replaceReportValues(q: Queries, push: PushQueries, change: ReportValuesChange): Promise<void> {
  const { reportId, before, after, definition } = change;
  if (!before && !after) return;
  const old = before?.rows ?? [];
  const oldByCode = new Map<string, ReportValuesTable>();
  for (const row of old) oldByCode.set(row.code, row);
  const rows = after?.rows ?? [];
  // The stored rows that changed or went, and the pushed rows that changed or came (another period
  // changes every row). A report first counted, no longer counted or filed under another node moves
  // all its contributions, whether its figures changed or not.
  const moved = !before || !after || before.nodeId !== after.nodeId;
  const changedIn: ReportValuesTable[] = [];
  /** Of those, the rows stored with the same form and period: only their figures change. */
  const figuresOnly = new Set<ReportValuesTable>();
  let matched = 0;
  for (const row of rows) {
    const was = oldByCode.get(row.code);
    if (was) matched++;
    const samePlace = was !== undefined && row.year === was.year && row.kind === was.kind && row.form_id === was.form_id;
    if (samePlace && was.number === row.number && was.weight === row.weight) continue;
    changedIn.push(row);
    if (samePlace) figuresOnly.add(row);
  }
  let gone: string[] = [];
  if (oldByCode.size > matched) {
    const pushed = new Set(rows.map((row) => row.code));
    gone = [...oldByCode.keys()].filter((code) => !pushed.has(code));
  }
  if (!moved && changedIn.length === 0 && gone.length === 0) return;

  // The contributions to take out and put in: every row when the report moved; else the changed rows
  // and the other row of each ratio one of them is in.
  let codes: Set<string> | null = null;
  if (!moved) {
    codes = new Set(gone);
    for (const row of changedIn) codes.add(row.code);
    for (const ratio of ratioRows(definition))
      if (codes.has(ratio.numerator) || codes.has(ratio.denominator)) {
        codes.add(ratio.numerator);
        codes.add(ratio.denominator);
      }
  }
  const chosen = (list: readonly ReportValuesTable[]) => (codes ? list.filter((row) => (codes as Set<string>).has(row.code)) : list);
  const deltas = new Map<string, ReportValueSumsTable>();
  if (before) addContribution(deltas, before.nodeId, chosen(old), definition, -1);
  if (after) addContribution(deltas, after.nodeId, chosen(rows), definition, 1);
  const sums = changedSums(deltas);
  // An edit of figures (the usual ready push) on PostgreSQL: the rows and the sums in one statement.
  if (push.postgres && !moved && gone.length === 0 && figuresOnly.size === changedIn.length) {
    await q.executeQuery(
      push.postgres.changeFiguresAndSums.bind({
        report_id: reportId,
        codes: changedIn.map((row) => row.code),
        numbers: changedIn.map((row) => row.number),
        weights: changedIn.map((row) => row.weight),
        ...sumsAsArrays(sums),
      }),
    );
    return;
  }
  // Only the value rows that changed are written (an edit changes a few figures of a report).
  for (const code of gone) await q.executeQuery(push.deleteReportValue.bind({ report_id: reportId, code }));
  for (const row of changedIn)
    await q.executeQuery(figuresOnly.has(row) ? push.updateReportValueFigures.bind(row) : push.upsertReportValue.bind(row));
  for (const sum of sums) await q.executeQuery(push.addToValueSum.bind(sum));
}

export async function insertIdempotency(q: Queries, push: PushQueries, entry: NewIdempotency): Promise<void> {
  await q.executeQuery(
    push.insertIdempotency.bind({
      device_id: entry.deviceId,
      key: entry.key,
      body_hash: entry.bodyHash,
      status: entry.status,
      response: entry.responseJson,
      created_at: entry.createdAt,
    }),
  );
}

export async function thinDraftRevision(q: Queries, push: PushQueries, reportId: string, revision: number): Promise<void> {
  await q.executeQuery(push.thinDraftRevision.bind({ report_id: reportId, revision }));
}

/** The maintenance job's part: answers kept for replays since before `before`. */
export async function deleteIdempotencyBefore(q: Queries, before: string): Promise<void> {
  await q.deleteFrom('idempotency').where('created_at', '<', before).execute();
}
