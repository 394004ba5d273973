/**
 * The staff API's answers and bodies (docs/api.md, "Staff"), as the server builds them and the staff
 * screens read them. One declaration for both sides, so a change to an answer is a type error on the
 * side that did not follow. Staff belong to a node of the organisation tree (./organisation.ts) and
 * see only that node's subtree.
 */
import type { NodeSummary, OrgNode, StaffRole, UpperNodeKind } from './organisation';
import type { ReportPeriod } from './period';
import type { DialogueKindCounts, ReportDocument } from './report';
import type { ReviewDecision, ReviewStatus, ServerReport } from './sync';

// ---- staff and sessions ----

/** A staff account: attached to one node, with one role there and on every node below it. */
export interface StaffMember {
  id: string;
  username: string;
  role: StaffRole;
  nodeId: string;
  createdAt: string;
}

/** `POST /api/staff/login {username, password}`. The token goes in `Authorization: Bearer`. */
export interface StaffSession {
  token: string;
  expiresAt: string;
  staff: StaffMember;
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

/** One union's line in the period table. */
export interface UnionOverview {
  id: string;
  code: string | null;
  name: string;
  employer: string;
  /** '' or one of SECTORS. */
  sector: string;
  /**
   * The node this line belongs to in the viewed subtree: the superior the period's report was filed
   * under, or (no report yet, or only a draft) the union's current superior.
   */
  superiorId: string;
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
 * `GET /api/staff/nodes/:id/overview?year=&kind=&scope=direct|subtree`. `unions` holds the CĐCS
 * directly under the node (`scope=direct`, the default) or every CĐCS of its subtree (`scope=subtree`,
 * for a province-wide export). `rollup` has one row per upper-level child (empty for a node without
 * any) and `direct` the totals of the CĐCS directly under the node. Every figure is computed by the database.
 */
export interface NodeOverview extends PeriodOverview {
  node: NodeSummary;
  scope: OverviewScope;
  rollup: RollupRow[];
  direct: OverviewSummary;
}
export const OVERVIEW_SCOPES = ['direct', 'subtree'] as const;
export type OverviewScope = (typeof OVERVIEW_SCOPES)[number];

// ---- reports, codes, devices ----

/** One kept revision of a report: which device sent it, and when (device fields null when no known device did). */
export interface RevisionSummary {
  revision: number;
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
}

/** One decision of the report's history: what was decided on which revision, by whom and when. */
export interface ReviewDecisionEntry {
  status: ReviewStatus;
  comment: string;
  decidedAt: string;
  /** The revision decided on; null for a decision recorded before the server kept it. */
  revision: string | null;
  /**
   * Who decided: a staff member, or the admin command line (`id` null); null for a decision made
   * before the server kept every decision (the upgrade carried only the last one over, without its author).
   */
  decidedBy: { id: string | null; username: string } | null;
}

/** `GET /api/staff/reports/:id/revisions/:revision` answers `{revision: RevisionView}`. */
export interface RevisionView extends RevisionSummary {
  document: ReportDocument;
}

/** `POST /api/staff/unions/:id/enrolment-codes`: the code is shown once, never stored in clear. */
export interface IssuedEnrolmentCode {
  code: string;
  unionId: string;
  expiresAt: string;
  maxUses: number;
}

/**
 * An enrolment code issued for a union and still valid (not expired, used up or withdrawn):
 * `GET /api/staff/unions/:id/enrolment-codes` answers `{codes: UnionEnrolmentCode[]}`. Never the code
 * itself, which only its hash keeps.
 */
export interface UnionEnrolmentCode {
  id: string;
  unionId: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number;
  usesLeft: number;
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
