import type { PeriodOverview } from '../../../src/domain/staff';
import { unionizationRate } from '../../../src/domain/indicators';
import { union } from '../district/fixtures';

/** A period with four CĐCS: one above 80 %, one under, one returned, one that has not reported. */
export function periodOverview(): PeriodOverview {
  const unions = [
    union({ name: 'CĐCS Công ty May Tây Ninh', code: '007', standing: 'accepted', workers: 1000, members: 848, dialogueSessions: 3 }),
    union({ name: 'CĐCS Công ty Giày Hòa Thành', code: '012', standing: 'sent', workers: 500, members: 350, dialogueSessions: 1 }),
    union({ name: 'CĐCS Trường Tiểu học A', code: '0031', standing: 'returned', workers: 40, members: 40, dialogueSessions: 0 }),
    union({ name: 'CĐCS Công ty Gỗ Tân Biên', code: null, standing: 'missing' }),
  ];
  (unions[0]!.report as unknown as Record<string, unknown>).dialogueSessionsByKind = { workplace: 2, districtCommittee: 1 };
  (unions[1]!.report as unknown as Record<string, unknown>).dialogueSessionsByKind = { workersConference: 1 };
  (unions[2]!.report as unknown as Record<string, unknown>).dialogueSessionsByKind = {};
  const workers = 1540;
  const members = 1238;
  return {
    period: { year: 2025, kind: 'yearly' },
    target: 0.8,
    unions,
    summary: {
      unions: 4,
      reported: 3,
      notReported: 1,
      accepted: 1,
      returned: 1,
      workers,
      members,
      unionizationRate: unionizationRate(members, workers),
      meetingTarget: 2,
      dialogueSessions: 4,
    },
  };
}
