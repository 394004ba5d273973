/**
 * Where a report stands in its life, as the officer sees it, and the one thing to do next.
 *
 *   drafting (only on this phone / saved on the server) → sent, waiting for review
 *     → returned with a comment → being fixed → sent again → accepted (with its comment, if any)
 *     → (acceptance withdrawn with a reason → waiting for review again → returned or accepted)
 *   side states: needs your decision (conflict), refused with a reason, round closed.
 *
 * Derived from what is stored (the document's status, the device's sync fields, the superior's
 * decision), never stored itself: one pure function, drawn by one component on the list, the
 * editor and the review section. Each stage has one sentence, exactly one primary action, and
 * says whether the fields are locked.
 *
 * Pure: no clock, no I/O.
 */
import type { ReportDocument } from './report';
import { decisionNodeName, type DecisionStatus, type LocalReportSync } from './sync';

export const REPORT_STAGES = [
  'draftLocal', // drafting, never reached the server (or this device is not connected)
  'draftSaved', // drafting; a copy is on the server, not yet sent for review
  'queued', // the officer sent it; it waits for a connection to reach the server
  'sent', // on the server, waiting for the superior's review
  'returned', // returned with a comment; still locked as it was sent
  'fixing', // reopened after a return, being fixed
  'resent', // sent again after a return, waiting for review
  'accepted', // final, unless the superior withdraws the acceptance
  'acceptanceWithdrawn', // the superior withdrew its acceptance with a reason: waiting for review again
  'conflict', // changed on two devices: needs the officer's decision
  'refused', // the server keeps refusing it (409/422): set aside with a reason
  'roundClosed', // the superior closed the reporting round: nothing more can be sent
] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

/** The one primary action of each stage (its words live in the app's messages). */
export const REPORT_ACTIONS = [
  'send', // "Gửi báo cáo": marks it ready, which queues the push
  'fixAndResend', // "Sửa và gửi lại": reopens a returned report
  'sendAgain', // "Gửi lại báo cáo"
  'sendNow', // "Gửi ngay": try the queued push now
  'viewAndPrint', // "Xem và in": the whole report as a document
  'decide', // "Xem và quyết định": the conflict screen
  'fixRefused', // "Sửa báo cáo": reopen (if sent) and go to what the server refused
  'openExisting', // "Mở báo cáo đó": the other report of the same period (409 period_taken)
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/**
 * A reporting round (its period, deadline and closing) comes from another issue; until then the
 * field is absent and a round is never closed.
 */
export interface ReportRoundStanding {
  /** ISO time the superior closed the round; null or absent while it is open. */
  closedAt?: string | null;
}

export interface ReportLifecycle {
  stage: ReportStage;
  action: ReportAction;
  /** The fields cannot be changed in this stage (the editor draws them read-only and says why). */
  locked: boolean;
  /**
   * The superior's comment to keep in view: on a returned report, while it is fixed, and after; the
   * acceptance's comment; the reason an acceptance was withdrawn.
   */
  comment: string | null;
  /** Which decision `comment` came with (null when there is none): its words say so. */
  commentOn: DecisionStatus | null;
  /** Drafting with a copy on the server, and newer edits still only on this phone. */
  unsentChanges: boolean;
}

export interface LifecycleInput {
  document: Pick<ReportDocument, 'status'>;
  sync: Pick<LocalReportSync, 'serverRevision' | 'pending' | 'review' | 'refusal' | 'conflict' | 'lastReturn'>;
  round?: ReportRoundStanding | null;
}

const LOCKED: Record<ReportStage, boolean> = {
  draftLocal: false,
  draftSaved: false,
  queued: true,
  sent: true,
  returned: true,
  fixing: false,
  resent: true,
  accepted: true,
  acceptanceWithdrawn: true,
  conflict: false,
  refused: false,
  roundClosed: true,
};

const ACTION: Record<ReportStage, ReportAction> = {
  draftLocal: 'send',
  draftSaved: 'send',
  queued: 'sendNow',
  sent: 'viewAndPrint',
  returned: 'fixAndResend',
  fixing: 'sendAgain',
  resent: 'viewAndPrint',
  accepted: 'viewAndPrint',
  acceptanceWithdrawn: 'viewAndPrint',
  conflict: 'decide',
  refused: 'fixRefused',
  roundClosed: 'viewAndPrint',
};

/** Stages in which the officer's part is done: a closed round changes nothing for them. */
const DONE: ReadonlySet<ReportStage> = new Set(['sent', 'resent', 'accepted', 'acceptanceWithdrawn']);

function stageOf(input: LifecycleInput): ReportStage {
  const stage = stageIgnoringRound(input);
  return input.round?.closedAt && !DONE.has(stage) ? 'roundClosed' : stage;
}

function stageIgnoringRound({ document, sync }: LifecycleInput): ReportStage {
  const ready = document.status === 'ready';
  const onServer = sync.serverRevision != null;
  // Accepted is final: whatever this device still holds (a reopen made offline) can no longer go.
  if (sync.review?.status === 'accepted') return 'accepted';
  if (sync.conflict) return 'conflict';
  if (sync.refusal) return 'refused';
  if (sync.review?.status === 'returned') {
    // The decision concerns the revision on the server; a fix not yet pushed keeps it until it lands.
    if (!ready) return 'fixing';
    return sync.pending ? 'queued' : 'returned';
  }
  if (!ready) {
    if (sync.lastReturn) return 'fixing';
    return onServer ? 'draftSaved' : 'draftLocal';
  }
  if (sync.pending || !onServer) return 'queued';
  // The server clears a withdrawn acceptance with the next revision: while it is there, it is about this one.
  if (sync.review?.status === 'withdrawn') return 'acceptanceWithdrawn';
  if (sync.lastReturn && sync.lastReturn.revision !== sync.serverRevision) return 'resent';
  return 'sent';
}

export function reportLifecycle(input: LifecycleInput): ReportLifecycle {
  const stage = stageOf(input);
  const { sync, document } = input;
  const returnedComment =
    sync.review?.status === 'returned' ? sync.review.comment : (sync.lastReturn?.review.comment ?? null);
  const showsReturn = stage === 'returned' || stage === 'fixing' || stage === 'resent' || (stage === 'queued' && returnedComment != null);
  // A refused or conflicting report is locked only if it was sent (its action reopens it).
  const locked = stage === 'refused' || stage === 'conflict' ? document.status === 'ready' : LOCKED[stage];
  const action: ReportAction =
    stage === 'refused' && sync.refusal?.error === 'period_taken' ? 'openExisting' : ACTION[stage];
  // The acceptance's comment and a withdrawal's reason are the superior's last word too: shown as long as they stand.
  const decisionComment = (stage === 'accepted' || stage === 'acceptanceWithdrawn') && sync.review?.comment ? sync.review.comment : null;
  const comment = showsReturn && returnedComment ? returnedComment : decisionComment;
  return {
    stage,
    action,
    locked,
    comment,
    commentOn: comment === null ? null : showsReturn ? 'returned' : stage === 'accepted' ? 'accepted' : 'withdrawn',
    unsentChanges: stage === 'draftSaved' && sync.pending,
  };
}

function leafEqual(a: unknown, b: unknown): boolean {
  return a === b || (a == null && b == null) || JSON.stringify(a) === JSON.stringify(b);
}

const SCALAR_SECTIONS = [
  'membership',
  'dissemination',
  'studyAndFollow',
  'officerTraining',
  'partyDevelopment',
  'inspection',
  'grassrootsDemocracy',
  'administrativeReform',
  'proposals',
  'explanations',
] as const;

/**
 * The fields the officer changed since the returned revision, as form paths (`membership.members`,
 * `dialogues.2.ledBy` by the session's place in `current`, `dialogues` when a session was removed).
 */
export function changedSince(returned: ReportDocument, current: ReportDocument): string[] {
  const paths: string[] = [];
  for (const section of SCALAR_SECTIONS) {
    const before = returned[section] as Record<string, unknown>;
    const after = current[section] as Record<string, unknown>;
    for (const key of Object.keys(after)) if (!leafEqual(before[key], after[key])) paths.push(`${section}.${key}`);
  }
  const earlier = new Map(returned.dialogues.map((session) => [session.id, session]));
  current.dialogues.forEach((session, index) => {
    const before = earlier.get(session.id);
    if (!before) {
      paths.push(`dialogues.${index}`);
      return;
    }
    for (const key of Object.keys(session) as (keyof typeof session)[]) {
      if (key !== 'id' && !leafEqual(before[key], session[key])) paths.push(`dialogues.${index}.${key}`);
    }
  });
  const kept = new Set(current.dialogues.map((session) => session.id));
  if (returned.dialogues.some((session) => !kept.has(session.id))) paths.push('dialogues');
  return paths;
}

/** The stages whose sentence is about a decision: the node that made it speaks in them, not the current superior. */
const DECISION_STAGES: ReadonlySet<ReportStage> = new Set<ReportStage>(['accepted', 'returned', 'fixing', 'acceptanceWithdrawn']);

/**
 * The name the stage's sentence gives the superior, when a decision says who made it: "Công đoàn
 * phường X đã chấp nhận báo cáo" stays true after the CĐCS moves to another superior (issue 21). Null
 * lets the caller name the current superior (the stages about what is sent now, or a decision kept
 * before the node was named).
 */
export function decisionSpeaker(stage: ReportStage, sync: Pick<LocalReportSync, 'review' | 'lastReturn'>): string | null {
  if (!DECISION_STAGES.has(stage)) return null;
  return decisionNodeName(sync.review) ?? (stage === 'fixing' || stage === 'returned' ? decisionNodeName(sync.lastReturn?.review) : null);
}
