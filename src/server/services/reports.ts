/**
 * Reports as devices push and pull them: preconditions, idempotent replays, one report per union and
 * period, and a revision row for every accepted change. All checks against stored state happen inside
 * one write transaction, so two pushes can never both pass them.
 */
import type { FormDefinition } from '../../domain/forms/definition';
import { builtinForm, formRefKey, reportFormRef, roundFormRef, sameFormRef } from '../../domain/forms/reportForm';
import { checkReportForm } from '../../domain/forms/reportCheck';
import type { ReportDocument } from '../../domain/reportSchema';
import type { ReportingRound } from '../../domain/round';
import type { UnionDevice } from '../../domain/staff';
import type { ReportChangesResponse, ReviewDecision, ServerReport } from '../../domain/sync';
import { isUniqueViolation } from '../store/errors';
import { formValueRows } from '../store/reportValues';
import { isCounted } from '../store/reportValueSums';
import { MAX_STORED_INTEGER } from '../store/schema';
import type { ReportValuesTable } from '../store/schema';
import type { PushedReportHead, ReportRecord, StoreReads } from '../store/store';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure, validationFailed } from './errors';
import { isStoredInteger, isUuid } from './input';
import { parseReportBody } from './reportBody';
import { type CountedRows, keepCountedRows, keptCountedRows } from './countedRows';
import { checkValueKeys, formApplyingUnder, storedFormDefinitions } from './reportForms';
import { refuseClosedRound, roundsForUnion } from './rounds';
import { sha256Hex } from './secrets';

export const DEFAULT_CHANGES_PAGE = 100;
export const MAX_CHANGES_PAGE = 500;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function toServerReport(record: ReportRecord): ServerReport {
  return {
    document: JSON.parse(record.documentJson) as ReportDocument,
    revision: String(record.revision),
    unionId: record.unionId,
    review: record.reviewJson ? (JSON.parse(record.reviewJson) as ReviewDecision) : null,
    savedAt: record.savedAt,
  };
}

/** An accepted push's answer as remembered for replays. */
interface StoredAnswer {
  revision: number;
  review: string | null;
  savedAt: string;
}

/** The JSON of a PutReportResponse, built from stored text without parsing the document again. */
function answerOf(answer: StoredAnswer & { documentJson: string; unionId: string }): string {
  const report = `"revision":${JSON.stringify(String(answer.revision))},"unionId":${JSON.stringify(answer.unionId)},"review":${answer.review ?? 'null'},"savedAt":${JSON.stringify(answer.savedAt)}`;
  return `{"report":{"document":${answer.documentJson},${report}}}`;
}

export interface PutReportRequest {
  pathId: string;
  body: unknown;
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
  idempotencyKey: string | undefined;
}

export interface PutReportResult {
  status: 200 | 201;
  revision: string;
  /** The JSON text of a PutReportResponse, exactly as first answered (replays send it again). */
  responseJson: string;
  replayed: boolean;
}

/** `"3"`, `W/"3"` or `3` → 3. */
function parseRevisionTag(header: string): number {
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!match?.[1]) throw new ApiFailure(400, 'bad_request', 'If-Match must be the quoted revision the device last saw, e.g. "3".');
  return Number(match[1]);
}

/**
 * A report marked ready must pass its form's rules, with the round's dates for its activities: the same
 * check the phone makes before it lets the officer mark it ready (domain/forms/reportCheck.ts): Plan 94's
 * own rules, or another form's rows and the rules of the built-in blocks it shows.
 */
function checkReportRules(document: ReportDocument, round: ReportingRound | null, definition: FormDefinition): void {
  if (document.status !== 'ready') return;
  const check = checkReportForm(document, definition, { activities: round?.activities ?? null });
  const errors = [
    ...check.report.errors.map((issue) => ({ path: issue.path, code: issue.code })),
    ...(check.values?.errors ?? []).map((issue) => ({ path: `values.${issue.code}`, code: issue.reason })),
  ];
  if (errors.length > 0)
    throw validationFailed(
      errors.map((issue) => ({ path: issue.path, code: issue.code, message: `Rule "${issue.code}" fails.` })),
      'A report marked ready must pass every rule.',
    );
}

/**
 * The rows report_values holds for a counted report: its stored document's, as the push that stored it
 * wrote them (same document, same form version, whose rows never change; decision 0014). Cheaper than
 * reading them back: one text the push reads anyway, not a row per figure; cheaper still, the rows this
 * process kept when it wrote that very revision (./countedRows.ts), when the database left the text out.
 */
function storedValueRows(current: PushedReportHead, definition: FormDefinition, known: CountedRows | undefined): readonly ReportValuesTable[] {
  if (current.countedDocument !== null) {
    const document = JSON.parse(current.countedDocument) as ReportDocument;
    return formValueRows(current.id, document, { year: current.year, kind: current.kind }, definition);
  }
  // The database leaves the document out only at the revision whose rows the push said it holds.
  if (known?.revision !== current.revision) throw new Error(`report ${current.id} is counted but its document was not read`);
  return known.rows;
}

/** The stored report as a refusal carries it (`current`), read only when a push is refused. */
async function currentReport(tx: StoreReads, id: string): Promise<ServerReport> {
  const record = await tx.findReport(id);
  if (!record) throw new Error(`report ${id} is missing`);
  return toServerReport(record);
}

export async function putReport(context: ServiceContext, device: UnionDevice, request: PutReportRequest): Promise<PutReportResult> {
  try {
    return await putReportOnce(context, device, request);
  } catch (error) {
    // Another union created the same report id in the same instant (its lock is not ours): the second
    // attempt sees that row and answers 403 like any later push would, instead of a 500.
    if (isUniqueViolation(error)) return putReportOnce(context, device, request);
    throw error;
  }
}

/**
 * How many of a report's newest revisions are kept whatever their status; older drafts are thinned,
 * ready revisions (what the superior reviews) are all kept. A device cannot grow a report's history
 * past this with drafts, however fast it pushes.
 */
export const KEPT_DRAFT_REVISIONS = 20;

async function putReportOnce(context: ServiceContext, device: UnionDevice, request: PutReportRequest): Promise<PutReportResult> {
  const key = request.idempotencyKey;
  if (key === undefined || !IDEMPOTENCY_KEY.test(key))
    throw new ApiFailure(400, 'bad_request', 'Every push needs an Idempotency-Key header (1–200 visible ASCII characters).');
  if (request.ifMatch !== undefined && request.ifNoneMatch !== undefined)
    throw new ApiFailure(400, 'bad_request', 'Send If-Match (update) or If-None-Match: * (create), not both.');
  if (request.ifNoneMatch !== undefined && request.ifNoneMatch.trim() !== '*')
    throw new ApiFailure(400, 'bad_request', 'If-None-Match on a push can only be *.');
  const baseRevision = request.ifMatch === undefined ? undefined : parseRevisionTag(request.ifMatch);

  // The schema first (no database): it gives the canonical JSON that the replay check and the stored
  // copy are compared with. The rules wait for the round of the period, read in the transaction.
  const { document, json } = parseReportBody(request.pathId, request.body);
  const bodyHash = sha256Hex(`${request.pathId}\n${json}`);
  const form = reportFormRef(document);
  // A built-in form (every Plan 94 push) is known without the database.
  const builtin = builtinForm(form);
  if (builtin) checkValueKeys(document, builtin);

  // The counted rows of this report's last revision, if this process wrote it: the push reads no document then.
  const known = keptCountedRows(context.store, document.id);
  /** What to keep for this report once the transaction has committed (undefined: no new revision). */
  let keep: CountedRows | null | undefined;
  const result = await context.store.write(async (tx) => {
    // Sent together (one round trip on PostgreSQL), run in this order: the union's lock first, so this
    // union's pushes queue there and the reads after it cannot race.
    const {
      lock: { changeSeq, superiorId, superiorPath },
      round,
      earlier,
      current,
    } = await tx.lockAndReadForPush({
      unionId: device.unionId,
      period: document.period,
      formId: form.id,
      deviceId: device.id,
      idempotencyKey: key,
      reportId: document.id,
      documentJson: json,
      knownRevision: known?.revision ?? -1,
    });
    let definition = builtin;
    if (!definition) {
      // A stored form must be published by the union's superior or a node above it, now.
      definition = await formApplyingUnder(context.store, tx, form, superiorPath);
      checkValueKeys(document, definition);
    }
    checkReportRules(document, round, definition);
    if (earlier) {
      if (earlier.bodyHash !== bodyHash)
        throw new ApiFailure(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different push.');
      const answered = JSON.parse(earlier.responseJson) as StoredAnswer;
      const documentJson = await tx.findRevisionDocument(document.id, answered.revision);
      if (documentJson === undefined) {
        // The revision this push made was a draft since thinned (many newer ones followed): say how
        // the report stands now, as for any push based on an old revision.
        throw new ApiFailure(412, 'stale_revision', 'This push was stored long ago and newer revisions followed.', { current: await currentReport(tx, document.id) });
      }
      const response = answerOf({ ...answered, documentJson, unionId: device.unionId });
      return { status: earlier.status as 200 | 201, revision: String(answered.revision), responseJson: response, replayed: true };
    }

    const now = isoNow(context);
    if (current && current.unionId !== device.unionId)
      throw new ApiFailure(403, 'forbidden', 'This report belongs to another union.');

    const currentReview = current?.reviewJson ? (JSON.parse(current.reviewJson) as ReviewDecision) : null;
    let saved: ReportRecord;
    let status: 200 | 201;
    if (current?.sameDocument) {
      // Nothing to change: the state the push asks for is already there (RFC 9110 §13.1.1).
      saved = { ...current, documentJson: json };
      status = 200;
    } else {
      // Read in this transaction: a round closed since the device looked refuses this push.
      refuseClosedRound(round);
      if (current) {
        if (currentReview?.status === 'accepted')
          throw new ApiFailure(409, 'report_accepted', 'The superior accepted this report; it no longer changes.');
        // A report answers one form version for life: its values, its round and its roll-ups are that form's.
        if (!sameFormRef(current.form, form))
          throw new ApiFailure(409, 'form_changed', `This report answers the form ${formRefKey(current.form)}; another form's report is a new report.`, {
            current: await currentReport(tx, document.id),
          });
        if (baseRevision === undefined)
          throw new ApiFailure(412, 'report_exists', 'The server already holds this report.', { current: await currentReport(tx, document.id) });
        if (baseRevision !== current.revision)
          throw new ApiFailure(412, 'stale_revision', 'The report changed on the server since this device saw it.', {
            current: await currentReport(tx, document.id),
          });
      } else if (baseRevision !== undefined) {
        throw new ApiFailure(404, 'not_found', 'The server holds no report with this id; push it without If-Match to create it.');
      }

      const periodChanged = !current || current.year !== document.period.year || current.kind !== document.period.kind;
      const samePeriod = periodChanged
        ? await tx.findReportByPeriod(device.unionId, document.period.year, document.period.kind, form.id)
        : undefined;
      if (samePeriod && samePeriod.id !== document.id)
        throw new ApiFailure(409, 'period_taken', 'The union already has a report of this form for this period.', {
          existingReportId: samePeriod.id,
        });

      saved = {
        id: document.id,
        unionId: device.unionId,
        year: document.period.year,
        kind: document.period.kind,
        revision: (current?.revision ?? 0) + 1,
        documentJson: json,
        // A new revision goes back to the superior for a fresh decision: a return, or an acceptance
        // withdrawn, is about the revision before (an accepted report takes none: refused above).
        reviewJson: currentReview?.status === 'returned' || currentReview?.status === 'withdrawn' ? null : (current?.reviewJson ?? null),
        savedAt: now,
        createdAt: current?.createdAt ?? now,
        changeSeq,
        // Filed under the union's superior when first sent; it stays there if the union moves later.
        superiorId: current?.superiorId ?? (document.status === 'ready' ? superiorId : null),
      };
      if (current) await tx.updateReportKeepingRevision(saved, device.id, document, current);
      else {
        await tx.insertReport(saved);
        await tx.keepRevision(saved.id, device.id);
      }
      // The rows and running sums the roll-ups add up, with the report in this transaction
      // (store/reportValueSums.ts): a counted report's only, so a draft's autosave writes neither.
      const counted = isCounted({ superiorId: saved.superiorId, ready: document.status === 'ready', reviewed: saved.reviewJson !== null });
      const after = counted && saved.superiorId !== null ? { nodeId: saved.superiorId, rows: formValueRows(saved.id, document, document.period, definition) } : null;
      await tx.replaceReportValues({
        reportId: saved.id,
        before: current?.counted && current.superiorId !== null ? { nodeId: current.superiorId, rows: storedValueRows(current, definition, known) } : null,
        after,
        definition,
      });
      keep = after && { revision: saved.revision, rows: after.rows };
      // Bounded history: the newest KEPT_DRAFT_REVISIONS revisions, and every revision marked ready.
      if (saved.revision > KEPT_DRAFT_REVISIONS) await tx.thinDraftRevision(saved.id, saved.revision - KEPT_DRAFT_REVISIONS);
      status = current ? 200 : 201;
    }

    // The answer is remembered without its document, which the revision row already holds.
    const answered: StoredAnswer = { revision: saved.revision, review: saved.reviewJson, savedAt: saved.savedAt };
    const responseJson = answerOf({ ...answered, documentJson: saved.documentJson, unionId: saved.unionId });
    await tx.insertIdempotency({ deviceId: device.id, key, bodyHash, status, responseJson: JSON.stringify(answered), createdAt: now });
    // "Last seen" is for the superior's staff: minute precision spares a write per push.
    if (!device.lastSeenAt || Date.parse(now) - Date.parse(device.lastSeenAt) > 60_000) await tx.setDeviceLastSeen(device.id, now);
    return { status, revision: String(saved.revision), responseJson, replayed: false };
  });
  // Committed: its revision number now names this document for good.
  if (keep !== undefined) keepCountedRows(context.store, document.id, keep);
  return result;
}

export async function getReport(context: ServiceContext, device: UnionDevice, id: string): Promise<ServerReport> {
  const record = isUuid(id) ? await context.store.findReport(id) : undefined;
  if (!record) throw new ApiFailure(404, 'not_found', 'No such report.');
  if (record.unionId !== device.unionId) throw new ApiFailure(403, 'forbidden', 'This report belongs to another union.');
  return toServerReport(record);
}

function parseCount(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (!isStoredInteger(value) || Number(value) < min || Number(value) > max)
    throw new ApiFailure(400, 'bad_request', `${name} must be a whole number from ${min} to ${max}.`);
  return Number(value);
}

export async function listChanges(
  context: ServiceContext,
  device: UnionDevice,
  query: { since?: string; limit?: string },
): Promise<ReportChangesResponse> {
  const since = parseCount(query.since, 'since', 0, 0, MAX_STORED_INTEGER);
  const limit = parseCount(query.limit, 'limit', DEFAULT_CHANGES_PAGE, 1, MAX_CHANGES_PAGE);
  const [rows, superior, rounds] = await Promise.all([
    context.store.listChanges(device.unionId, since, limit + 1),
    context.store.findSuperiorOfUnion(device.unionId),
    roundsForUnion(context.store, device.unionId),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    reports: page.map(toServerReport),
    cursor: String(last ? last.changeSeq : since),
    hasMore: rows.length > limit,
    superior: superior ?? null,
    rounds,
    // The phone fills a round's form offline: it needs the definition of every form not built in.
    forms: await storedFormDefinitions(context.store, rounds.map(roundFormRef)),
  };
}
