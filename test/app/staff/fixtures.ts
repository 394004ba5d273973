import { meetsUnionizationTarget, unionizationRate } from '../../../src/domain/indicators';
import { DIALOGUE_KINDS, type DialogueKindCounts } from '../../../src/domain/report';
import type { PeriodOverview, UnionOverview, UnionStanding } from '../../../src/domain/staff';

/** Counts by kind with every kind present, as the server sends them. */
export function kindCounts(counts: Partial<DialogueKindCounts> = {}): DialogueKindCounts {
  return Object.fromEntries(DIALOGUE_KINDS.map((kind) => [kind, counts[kind] ?? 0])) as DialogueKindCounts;
}

let next = 0;

/** A row of the period overview as the server sends it. */
export function union(options: {
  name: string;
  code?: string | null;
  standing: UnionStanding;
  workers?: number | null;
  members?: number | null;
  reportId?: string;
  dialogueSessions?: number;
  /** Defaults to every session held at the workplace. */
  dialogueSessionsByKind?: Partial<DialogueKindCounts>;
}): UnionOverview {
  next += 1;
  const workers = options.workers ?? null;
  const members = options.members ?? null;
  const rate = unionizationRate(members, workers);
  return {
    id: `union-${next}`,
    code: options.code ?? null,
    name: options.name,
    employer: '',
    sector: '',
    superiorId: 'node-1',
    movedAway: false,
    activeDevices: 1,
    standing: options.standing,
    report:
      options.standing === 'missing'
        ? null
        : {
            id: options.reportId ?? `report-${next}`,
            status: options.standing === 'draft' ? 'draft' : 'ready',
            revision: '1',
            savedAt: '2025-11-20T08:15:02.114Z',
            review:
              options.standing === 'accepted' || options.standing === 'returned'
                ? { status: options.standing, comment: '', decidedAt: '2025-11-21T08:00:00.000Z' }
                : null,
            workers,
            members,
            unionizationRate: rate,
            meetsTarget: meetsUnionizationTarget(rate),
            dialogueSessions: options.dialogueSessions ?? 0,
            dialogueSessionsByKind: kindCounts(options.dialogueSessionsByKind ?? { workplace: options.dialogueSessions ?? 0 }),
          },
  };
}

/** A period with four CĐCS: one above 80 %, one under, one returned, one that has not reported. */
export function periodOverview(): PeriodOverview {
  const unions = [
    union({ name: 'CĐCS Công ty May Tây Ninh', code: '007', standing: 'accepted', workers: 1000, members: 848, dialogueSessions: 3, dialogueSessionsByKind: { workplace: 2, districtCommittee: 1 } }),
    union({ name: 'CĐCS Công ty Giày Hòa Thành', code: '012', standing: 'sent', workers: 500, members: 350, dialogueSessions: 1, dialogueSessionsByKind: { workersConference: 1 } }),
    union({ name: 'CĐCS Trường Tiểu học A', code: '0031', standing: 'returned', workers: 40, members: 40, dialogueSessions: 0 }),
    union({ name: 'CĐCS Công ty Gỗ Tân Biên', code: null, standing: 'missing' }),
  ];
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
      dialogueSessionsByKind: kindCounts({ workplace: 2, districtCommittee: 1, workersConference: 1 }),
    },
  };
}

/** The first columns of a union's row, as the CSV and the workbook both head them (the officer form's labels). */
export const UNION_COLUMNS_HEAD = [
  'Công đoàn cơ sở',
  'Mã',
  'Công đoàn cấp trên',
  'Tình trạng báo cáo',
  'Số công nhân, viên chức, lao động',
  'Số đoàn viên',
  'Tỷ lệ tập hợp',
  'Chỉ tiêu 80 %',
];
