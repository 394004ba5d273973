import { describe, expect, it } from 'vitest';
import { periodDateRange, termStartYear } from '../../src/domain/period';
import {
  activityRange,
  deadlineStanding,
  dueRounds,
  roundForUnion,
  roundOfPeriod,
  type NodeRound,
  type ReportingRound,
} from '../../src/domain/round';
import { openRoundRequestSchema } from '../../src/domain/roundRequests';
import { checkReport } from '../../src/domain/validation';
import { session, validReport } from './fixtures';

function round(overrides: Partial<ReportingRound> = {}): ReportingRound {
  return {
    id: 'r-2026',
    period: { year: 2026, kind: 'yearly' },
    title: 'Báo cáo kết quả thực hiện Nghị quyết năm 2026',
    plan: 'Kế hoạch số 12/KH-CĐX',
    activities: { from: '2025-12-01', to: '2026-11-30' },
    deadline: '2026-12-10',
    openedBy: { nodeId: 'n-1', name: 'Công đoàn xã Dương Minh Châu' },
    openedAt: '2026-09-01T02:00:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

describe('terms of the plans', () => {
  it('starts the 2021 term in 2021 and the next in 2026, so the 2025–2030 reviews cover their own years', () => {
    expect([2021, 2025, 2026, 2030, 2031].map(termStartYear)).toEqual([2021, 2021, 2026, 2026, 2031]);
    expect(periodDateRange({ year: 2028, kind: 'interim' })).toEqual({ from: '2026-01-01', to: '2028-12-31' });
    expect(periodDateRange({ year: 2030, kind: 'final' })).toEqual({ from: '2026-01-01', to: '2030-12-31' });
  });
});

describe('reporting rounds', () => {
  it("takes the deadline and days left from the round instead of 30 November", () => {
    const period = { year: 2026, kind: 'yearly' } as const;
    expect(deadlineStanding(period, round(), '2026-12-01')).toMatchObject({ deadline: '2026-12-10', daysLeft: 9, closedAt: null });
    expect(deadlineStanding(period, null, '2026-12-01')).toMatchObject({ deadline: '2026-11-30', daysLeft: -1, round: null });
  });

  it("holds the report's dates to the round's activity dates", () => {
    const r = round();
    const report = validReport((doc) => {
      doc.period = { year: 2026, kind: 'yearly' };
      doc.dialogues.push(session({ date: '2025-12-15' }));
      doc.grassrootsDemocracy.workersConferenceHeld = true;
      doc.grassrootsDemocracy.workersConferenceDate = '2026-12-05';
    });
    const withRound = checkReport(report, { activities: activityRange(report.period, r) });
    // December 2025 is inside the round; 5 December 2026 is after its activities end.
    expect(withRound.errors.map((e) => `${e.path}:${e.code}`)).toEqual(['grassrootsDemocracy.workersConferenceDate:dateOutsidePeriod']);
    const withoutRound = checkReport(report, { activities: activityRange(report.period, null) });
    expect(withoutRound.errors.map((e) => e.path)).toEqual(['dialogues.0.date']);
  });

  it('lets the nearest superior’s round of a period win over the province’s', () => {
    const nearest = round({ id: 'commune' });
    const province = round({ id: 'province', deadline: '2026-12-31', openedBy: { nodeId: 'p', name: 'LĐLĐ tỉnh Tây Ninh' } });
    expect(roundOfPeriod([nearest, province], { year: 2026, kind: 'yearly' })?.id).toBe('commune');
    expect(roundOfPeriod([nearest, province], { year: 2027, kind: 'yearly' })).toBeNull();
    expect(dueRounds([nearest, province], []).map((r) => r.id)).toEqual(['commune']);
  });

  it('lists as due the open rounds without a ready report, soonest deadline first', () => {
    const interim = round({ id: 'interim', period: { year: 2028, kind: 'interim' }, deadline: '2028-11-15' });
    const closed = round({ id: 'closed', period: { year: 2025, kind: 'yearly' }, closedAt: '2025-12-20T01:00:00.000Z' });
    const yearly = round({ id: 'yearly', period: { year: 2028, kind: 'yearly' }, deadline: '2028-11-01' });
    const reports = [{ period: { year: 2028, kind: 'interim' as const }, status: 'draft' as const }];
    expect(dueRounds([interim, closed, yearly], reports).map((r) => r.id)).toEqual(['yearly', 'interim']);
    expect(dueRounds([interim], [{ period: interim.period, status: 'ready' }])).toEqual([]);
  });

  it('opens a closed round again for the one union it was reopened for, with its own deadline', () => {
    const nodeRound: NodeRound = {
      ...round({ closedAt: null }),
      closedAt: '2026-12-11T00:00:00.000Z',
      reopenings: [{ unionId: 'u-late', reopenedAt: '2026-12-12T00:00:00.000Z', deadline: '2026-12-20' }],
    };
    expect(roundForUnion(nodeRound, 'u-late')).toMatchObject({ closedAt: null, deadline: '2026-12-20' });
    expect(roundForUnion(nodeRound, 'u-other')).toMatchObject({ closedAt: '2026-12-11T00:00:00.000Z', deadline: '2026-12-10' });
    expect(roundForUnion(nodeRound, 'u-other')).not.toHaveProperty('reopenings');
  });

  it('refuses a round whose dates are out of order, naming the field', () => {
    const ok = openRoundRequestSchema.safeParse({
      period: { year: 2026, kind: 'yearly' },
      title: '  Báo cáo năm 2026 ',
      activities: { from: '2026-01-01', to: '2026-11-30' },
      deadline: '2026-12-10',
    });
    expect(ok.success && ok.data.title).toBe('Báo cáo năm 2026');
    const reversed = openRoundRequestSchema.safeParse({
      period: { year: 2026, kind: 'yearly' },
      title: 'Báo cáo năm 2026',
      activities: { from: '2026-12-01', to: '2026-01-01' },
      deadline: '2025-12-10',
    });
    expect(reversed.success).toBe(false);
    expect(reversed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['activities.to', 'deadline']);
    expect(openRoundRequestSchema.safeParse({ period: { year: 2026, kind: 'yearly' }, title: ' ', activities: { from: '2026-01-01', to: '2026-02-01' }, deadline: '2026-03-01' }).success).toBe(false);
  });
});
