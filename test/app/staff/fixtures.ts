import { meetsUnionizationTarget, unionizationRate } from '../../../src/domain/indicators';
import type { UnionOverview, UnionStanding } from '../../../src/domain/staff';

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
          },
  };
}
