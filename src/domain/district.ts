/**
 * Old names of the staff API's types, for the dashboard in src/app/district until it moves to
 * src/app/staff (issue 7). New code imports ./staff and ./organisation. Delete this file with that move.
 */
import type { GrassrootsUnion, StaffReportView } from './staff';

export type {
  IssuedEnrolmentCode,
  NodeOverview as PeriodOverview,
  RevisionSummary,
  RevisionView,
  UnionDevice,
  UnionOverview,
  UnionStanding,
} from './staff';
export { UNION_STANDINGS } from './staff';

/** The old dashboard's session: `POST /api/staff/login` answers a StaffSession, which src/app/district/api.ts maps to this. */
export interface DistrictSession {
  token: string;
  expiresAt: string;
  user: { id: string; username: string };
}
export type DistrictReportView = StaffReportView;
export type CreatedUnion = GrassrootsUnion;
