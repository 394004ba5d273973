/**
 * The staff API's answers and bodies (docs/api.md, "Staff"), as the server builds them and the staff
 * screens read them. One declaration for both sides, so a change to an answer is a type error on the
 * side that did not follow. Staff belong to a node of the organisation tree (./organisation.ts) and
 * see only that node's subtree.
 */
import type { NodeSummary, OrgNode, StaffRole, UpperNodeKind } from './organisation';
import type { ReportPeriod } from './period';
import type { DialogueKindCounts, ReportDocument } from './report';
import type { ReportFigures } from './reportFigures';
import type { DecisionStatus, ReviewDecision, ServerReport } from './sync';

// ---- staff and sessions ----

/** A staff account: attached to one node, with one role there and on every node below it. */
export interface StaffMember {
  id: string;
  username: string;
  role: StaffRole;
  nodeId: string;
  createdAt: string;
}

/**
 * What a session may do before anything else: nothing more (null), only change the password (after an
 * admin's reset), or only set up two-step sign-in (its node's subtree requires it). Every other staff
 * API answers such a session 403 with the restriction as its code.
 */
export type StaffRestriction = null | 'password_change_required' | 'totp_setup_required';

/** `POST /api/staff/login {username, password}`. The token goes in `Authorization: Bearer`. */
export interface StaffSession {
  token: string;
  expiresAt: string;
  staff: StaffMember;
  restriction: StaffRestriction;
}

/** `POST /api/staff/login` when the account has two-step sign-in: send a code with the challenge to `/api/staff/login/totp`. */
export interface StaffSecondStep {
  secondStep: 'totp';
  challenge: string;
  /** ISO time after which the challenge is refused (sign in again). */
  expiresAt: string;
}

/** A staff session ends after this long without a request (and SESSION_HOURS after sign-in in any case). */
export const STAFF_IDLE_MINUTES = 60;

/** `GET /api/staff/me/sessions`: one of the member's open sessions. */
export interface StaffSessionInfo {
  id: string;
  createdAt: string;
  /** The last request, to the minute. */
  lastSeenAt: string;
  address: string | null;
  userAgent: string | null;
  /** The session that asked. */
  current: boolean;
}

/** `GET /api/staff/me/security`: the member's two-step sign-in. */
export interface StaffSecurity {
  totpEnabled: boolean;
  /** Their node's subtree (or one above it) requires two-step sign-in. */
  totpRequired: boolean;
  recoveryCodesLeft: number;
}

/** `POST /api/staff/me/totp/setup`: the secret to type or the URI to show as a QR code; not active until confirmed. */
export interface TotpSetup {
  secret: string;
  uri: string;
}

/** `GET /api/staff/me`: who is signed in, and their node (the top of what they see). */
export interface StaffMe {
  staff: StaffMember;
  node: NodeDetail;
}

/** `POST /api/staff/nodes/:id/staff` body. `password` at least MIN_STAFF_PASSWORD_LENGTH characters. */
export interface NewStaffMember {
  username: string;
  password: string;
  role: StaffRole;
}
export const MIN_STAFF_PASSWORD_LENGTH = 10;

// ---- the tree ----

/** A grassroots union (CĐCS): a leaf of the tree, with devices and reports. */
export interface GrassrootsUnion {
  id: string;
  /** The organisation's code for the union (mã CĐCS), or null when none was given. Unique on the server. */
  code: string | null;
  name: string;
  employer: string;
  /** '' or one of SECTORS. */
  sector: string;
  /** Its direct upper-level union now. */
  superiorId: string;
  createdAt: string;
}

/** An upper-level child in `NodeDetail.children`, with how many CĐCS its whole subtree holds now. */
export interface ChildNode extends NodeSummary {
  unionCount: number;
}

/** `GET /api/staff/nodes/:id`: a node, the way up to the root, and what hangs directly under it. */
export interface NodeDetail {
  node: OrgNode;
  /** From the root down to the node's parent (empty for the root). Names only: reaching them is not implied. */
  ancestors: NodeSummary[];
  /** Upper-level nodes directly under it, by name. */
  children: ChildNode[];
  /** CĐCS directly under it, by name. */
  unions: GrassrootsUnion[];
}

/** `POST /api/staff/nodes` body: a new upper-level node under `parentId`. */
export interface NewNode {
  parentId: string;
  kind: UpperNodeKind;
  name: string;
  shortName?: string;
  code?: string;
}

/** `PATCH /api/staff/nodes/:id` body: any of these; `code: null` clears it; `parentId` moves the node and its subtree. */
export interface NodeChange {
  kind?: UpperNodeKind;
  name?: string;
  shortName?: string;
  code?: string | null;
  parentId?: string;
}

/** `POST /api/staff/unions` body. `superiorId` defaults to the staff member's own node. */
export interface NewUnion {
  superiorId?: string;
  name: string;
  code?: string;
  employer?: string;
  sector?: string;
}

/** `POST /api/staff/unions/:id/move` body. `effectiveDate` is YYYY-MM-DD, not in the future. */
export interface UnionMoveRequest {
  parentId: string;
  effectiveDate: string;
}

/** One change of a CĐCS's superior: `GET /api/staff/unions/:id/history` answers `{moves: UnionMove[]}`, oldest first. */
export interface UnionMove {
  id: string;
  unionId: string;
  /** The superior before; null for the union's first placement. Names as they were at the move. */
  from: { id: string; name: string } | null;
  to: { id: string; name: string };
  effectiveDate: string;
  /** When the move was recorded (server time). */
  movedAt: string;
  /** Who recorded it; null for moves made by the admin command line or the upgrade. */
  movedBy: { id: string; username: string } | null;
}

/** `POST /api/staff/unions/:id/move` answers this. */
export interface UnionMoved {
  union: GrassrootsUnion;
  move: UnionMove;
}

// ---- the period overview and roll-up ----

/** Where a union stands for a period, as its superior reads it. */
export const UNION_STANDINGS = ['missing', 'draft', 'sent', 'accepted', 'returned'] as const;
export type UnionStanding = (typeof UNION_STANDINGS)[number];

/** Totals over a set of CĐCS for one period (the whole subtree, one roll-up row, or the CĐCS directly under). */
export interface OverviewSummary {
  unions: number;
  /** Sent, accepted or returned: the union marked its report ready. */
  reported: number;
  /** No report, or only a draft. */
  notReported: number;
  accepted: number;
  returned: number;
  /** Over the unions that reported and gave both counts. */
  workers: number;
  members: number;
  /** Members ÷ workers over the unions that reported. */
  unionizationRate: number | null;
  meetingTarget: number;
  /** Dialogue sessions held, over the unions that reported. */
  dialogueSessions: number;
  /** The same sessions by kind (they add up to dialogueSessions). */
  dialogueSessionsByKind: DialogueKindCounts;
}

/** One union's line in the period table: the union as the tree holds it, then where and how it stands. */
export interface UnionOverview extends Pick<GrassrootsUnion, 'id' | 'code' | 'name' | 'employer' | 'sector'> {
  /**
   * The node this line belongs to in the viewed subtree: the superior the period's report was filed
   * under, or (no report yet, or only a draft) the union's current superior.
   */
  superiorId: string;
  /** That node's name (the exports' "Công đoàn cấp trên" column). */
  superiorName?: string;
  /** The union has since moved to a superior outside the viewed subtree: this line is only its filed report. */
  movedAway: boolean;
  activeDevices: number;
  standing: UnionStanding;
  /** The union's report for the period, in brief; null when it has none. */
  report: null | {
    id: string;
    status: ReportDocument['status'];
    revision: string;
    savedAt: string;
    review: ReviewDecision | null;
    workers: number | null;
    members: number | null;
    unionizationRate: number | null;
    meetsTarget: boolean | null;
    dialogueSessions: number;
    /** `document.dialogues` counted by kind. */
    dialogueSessionsByKind: DialogueKindCounts;
    /** Every figure of the document, for the exports: present with `scope=subtree` only (docs/api.md). */
    figures?: ReportFigures;
  };
}

/** A period table: its period, the target, the lines, and their totals. */
export interface PeriodOverview {
  period: ReportPeriod;
  /** The unionization target the rates are held against. */
  target: number;
  unions: UnionOverview[];
  /** Totals over the viewed node's whole subtree (not only the lines listed). */
  summary: OverviewSummary;
}

/** One roll-up row: a child node of the viewed one and the totals of its whole subtree. */
export interface RollupRow {
  node: NodeSummary;
  summary: OverviewSummary;
}

/**
 * `GET /api/staff/nodes/:id/overview?year=&kind=&scope=direct|subtree`; without year and kind, the
 * period the node's screens open on (round.ts `reviewPeriod`), named in `period`. `unions` holds the CĐCS
 * directly under the node (`scope=direct`, the default) or every CĐCS of its subtree (`scope=subtree`,
 * for a province-wide export). `rollup` has one row per upper-level child (empty for a node without
 * any) and `direct` the totals of the CĐCS directly under the node. Every figure is computed by the database.
 */
export interface NodeOverview extends PeriodOverview {
  node: NodeSummary;
  scope: OverviewScope;
  rollup: RollupRow[];
  direct: OverviewSummary;
  /**
   * Reports sent for another period by unions listed here as not reported: a period of the year before
   * to the year after, sent since this period's round opened (or, without a round, since its year
   * began). The overview says so ("2 báo cáo gửi cho năm khác: 2025 — xem"), so a reviewer does not
   * chase by phone a union whose report came in under another period. Most reports first.
   */
  otherPeriods: OtherPeriodReports[];
}

export interface OtherPeriodReports {
  period: ReportPeriod;
  /** The unions, among this overview's lines, that sent a report for `period` and none for the overview's. */
  unionIds: string[];
}
export const OVERVIEW_SCOPES = ['direct', 'subtree'] as const;
export type OverviewScope = (typeof OVERVIEW_SCOPES)[number];

// ---- reports, codes, devices ----

/**
 * One kept revision of a report: which device sent it, and when (device fields null when no known
 * device did). `status` is the document's: a `ready` revision is a send (lần gửi), a `draft` one
 * an autosave the superior never received for review.
 */
export interface RevisionSummary {
  revision: number;
  status: ReportDocument['status'];
  deviceId: string | null;
  deviceName: string | null;
  savedAt: string;
}

/** `GET /api/staff/reports/:id`. */
export interface StaffReportView {
  report: ServerReport;
  union: { id: string; code: string | null; name: string };
  /** The superior the report was filed under (or, for a draft, the union's current superior). */
  superior: NodeSummary;
  revisions: RevisionSummary[];
  /** Every review decision on the report, oldest first (the last is `report.review`). */
  decisions: ReviewDecisionEntry[];
  /**
   * The signed-in member may withdraw the report's acceptance: it is accepted, and they are a reviewer
   * (or admin) of the node that accepted it or of a node above (absent from servers before withdrawals).
   */
  mayWithdrawAcceptance?: boolean;
}

/**
 * One decision of the report's history: what was decided on which revision, by whom and when. A
 * `withdrawn` entry withdrew the acceptance before it; its comment is the reason, its revision the
 * accepted one.
 */
export interface ReviewDecisionEntry {
  status: DecisionStatus;
  comment: string;
  decidedAt: string;
  /** The revision decided on; null for a decision recorded before the server kept it. */
  revision: string | null;
  /**
   * Who decided: a staff member, or the admin command line (`id` null); null for a decision made
   * before the server kept every decision (the upgrade carried only the last one over, without its author).
   */
  decidedBy: { id: string | null; username: string } | null;
  /**
   * The node the decision was made at, named as it was then (a CĐCS moved since keeps it); null for
   * the command line's and for decisions kept before the node was named.
   */
  node?: { id: string; name: string } | null;
}

/** `GET /api/staff/reports/:id/revisions/:revision` answers `{revision: RevisionView}`. */
export interface RevisionView extends RevisionSummary {
  document: ReportDocument;
}

/**
 * What a code may be issued for (`POST /api/staff/unions/:id/enrolment-codes {validDays, maxUses}`):
 * how many days it stays valid and how many phones it enrols, each with its default.
 */
export const ENROLMENT_CODE_LIMITS = {
  validDays: { min: 1, max: 90, default: 7 },
  maxUses: { min: 1, max: 20, default: 3 },
} as const;

/** How many of a code's characters the staff's list shows (its end): enough to tell a union's codes apart. */
export const ENROLMENT_CODE_HINT_LENGTH = 2;

/** Who issued a code: a staff member, or the admin command line (`id` null). */
export interface EnrolmentCodeIssuer {
  id: string | null;
  username: string;
}

/** `POST /api/staff/unions/:id/enrolment-codes`: the code is shown once, never stored in clear. */
export interface IssuedEnrolmentCode {
  /** The id it is listed and withdrawn by (UnionEnrolmentCode.id). */
  id: string;
  code: string;
  unionId: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number;
}

/**
 * An enrolment code issued for a union and still valid (not expired, used up or withdrawn):
 * `GET /api/staff/unions/:id/enrolment-codes` answers `{codes: UnionEnrolmentCode[]}`. Never the code
 * itself, which only its hash keeps: its last characters at most.
 */
export interface UnionEnrolmentCode {
  id: string;
  unionId: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number;
  usesLeft: number;
  /** The code's last ENROLMENT_CODE_HINT_LENGTH characters (`XP` of `K7QF-M2XP`); null for a code issued before the server kept them. */
  codeHint: string | null;
  /** Null for a code issued before the server kept who issued it. */
  issuedBy: EnrolmentCodeIssuer | null;
}

/** A union's device: `GET /api/staff/unions/:id/devices` answers `{devices: UnionDevice[]}`, a revoke `{device}`. */
export interface UnionDevice {
  id: string;
  unionId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** `DELETE /api/staff/nodes/:id` refuses a node that still holds something: 422 `node_not_empty` with these counts. */
export interface NodeContents {
  childNodes: number;
  unions: number;
  /** Reports filed under the node (they stay with it: a node that received reports is never deleted). */
  reports: number;
  staff: number;
}
