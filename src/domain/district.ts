/**
 * The district endpoints' answers, as the server builds them and the dashboard reads them
 * (docs/api.md, "District"). One declaration for both sides, so a change to an answer is a type
 * error on the side that did not follow.
 */
import type { ReportPeriod } from './period';
import type { ReportDocument } from './report';
import type { ReviewDecision, ServerReport } from './sync';

/** A district user's session: `POST /api/district/login`. The token goes in `Authorization: Bearer`. */
export interface DistrictSession {
  token: string;
  expiresAt: string;
  user: { id: string; username: string };
}

/** Where a union stands for a period, as the district reads it. */
export const UNION_STANDINGS = ['missing', 'draft', 'sent', 'accepted', 'returned'] as const;
export type UnionStanding = (typeof UNION_STANDINGS)[number];

/** One union's line in the period overview: `GET /api/district/unions?year=…&kind=…`. */
export interface UnionOverview {
  id: string;
  /** The district's code for the union (mã CĐCS), or null when none was given. */
  code: string | null;
  name: string;
  employer: string;
  /** '' or one of SECTORS. */
  sector: string;
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
    /** How many dialogue sessions the report holds (`document.dialogues.length`). */
    dialogueSessions: number;
  };
}

/** The answer of `GET /api/district/unions?year=…&kind=…`: every union, and the district's totals. */
export interface PeriodOverview {
  period: ReportPeriod;
  /** The unionization target the rates are held against. */
  target: number;
  unions: UnionOverview[];
  summary: {
    unions: number;
    /** Sent, accepted or returned: the union marked its report ready. */
    reported: number;
    /** No report, or only a draft. */
    notReported: number;
    accepted: number;
    returned: number;
    workers: number;
    members: number;
    /** Members ÷ workers over the unions that reported. */
    unionizationRate: number | null;
    meetingTarget: number;
  };
}

/** One kept revision of a report: which device sent it, and when (device fields null when no known device did). */
export interface RevisionSummary {
  revision: number;
  deviceId: string | null;
  deviceName: string | null;
  savedAt: string;
}

/** The answer of `GET /api/district/reports/:id`. */
export interface DistrictReportView {
  report: ServerReport;
  union: { id: string; name: string };
  revisions: RevisionSummary[];
}

/** `GET /api/district/reports/:id/revisions/:revision` answers `{revision: RevisionView}`. */
export interface RevisionView extends RevisionSummary {
  document: ReportDocument;
}

/** `POST /api/district/unions` answers `{union: CreatedUnion}`. */
export interface CreatedUnion {
  id: string;
  code: string | null;
  name: string;
  employer: string;
  /** '' or one of SECTORS. */
  sector: string;
  createdAt: string;
}

/** The answer of `POST /api/district/unions/:id/enrolment-codes`: the code is shown once, never stored in clear. */
export interface IssuedEnrolmentCode {
  code: string;
  unionId: string;
  expiresAt: string;
  maxUses: number;
}

/** A union's device: `GET /api/district/unions/:id/devices` answers `{devices: UnionDevice[]}`, a revoke `{device}`. */
export interface UnionDevice {
  id: string;
  unionId: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}
