/**
 * The district endpoints' answers as the dashboard reads them (docs/api.md, "District"). The server
 * declares these in src/server/services/district.ts, which the app may not import; keep them in step.
 */
import type { PeriodKind } from '../../domain/period';
import type { ReportDocument } from '../../domain/report';
import type { ReviewDecision, ServerReport } from '../../domain/sync';

export type UnionStanding = 'missing' | 'draft' | 'sent' | 'accepted' | 'returned';
export const UNION_STANDINGS: readonly UnionStanding[] = ['missing', 'draft', 'sent', 'accepted', 'returned'];

export type Sector = '' | 'public' | 'private' | 'foreign';

export interface UnionOverview {
  id: string;
  code: string | null;
  name: string;
  employer: string;
  sector: string;
  activeDevices: number;
  standing: UnionStanding;
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
  };
}

export interface PeriodOverview {
  period: { year: number; kind: PeriodKind };
  target: number;
  unions: UnionOverview[];
  summary: {
    unions: number;
    reported: number;
    notReported: number;
    accepted: number;
    returned: number;
    workers: number;
    members: number;
    unionizationRate: number | null;
    meetingTarget: number;
  };
}

export interface DistrictReportView {
  report: ServerReport;
  union: { id: string; name: string };
  revisions: { revision: string; deviceId: string; deviceName: string; savedAt: string }[];
}

export interface CreatedUnion {
  id: string;
  code: string | null;
  name: string;
  employer: string;
  sector: string;
  createdAt: string;
}

export interface IssuedEnrolmentCode {
  code: string;
  expiresAt: string;
  maxUses: number;
  unionId: string;
}

export interface DistrictSession {
  token: string;
  expiresAt: string;
  user: { id: string; username: string };
}
