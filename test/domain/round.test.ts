import { describe, expect, it } from 'vitest';
import { periodDateRange, termStartYear } from '../../src/domain/period';
import {
  activityRange,
  deadlineStanding,
  dueRounds,
  openRoundPeriod,
  proposedPeriod,
  reviewPeriod,
  roundForUnion,
  roundOfPeriod,
  periodRoundsByForm,
  chosenPeriodRound,
  isPastDeadline,
  suggestedRound,
  unionDeadline,
  type NodeRound,
} from '../../src/domain/round';
import { openRoundRequestSchema } from '../../src/domain/roundRequests';
import { checkReport } from '../../src/domain/validation';
import { round, session, validReport } from './fixtures';

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
    // 08:00 on 1 December in Vietnam.
    const now = new Date('2026-12-01T01:00:00Z');
    expect(deadlineStanding(period, round(), now)).toMatchObject({ deadline: '2026-12-10', daysLeft: 9, closedAt: null });
    expect(deadlineStanding(period, null, now)).toMatchObject({ deadline: '2026-11-30', daysLeft: -1, round: null });
    // 01:00 on 1 December in Vietnam is still 30 November in UTC: a day already past the built-in deadline there.
    expect(deadlineStanding(period, null, '2026-11-30T18:00:00Z').daysLeft).toBe(-1);
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

  it('counts a round asking for another form apart: its own report, due until that one is ready (issue 22)', () => {
    const plan94 = round({ id: 'plan94', deadline: '2026-12-10' });
    const form = round({ id: 'mau1', form: { id: 'mau-1-hdcd', version: 1 }, deadline: '2026-12-05' });
    expect(dueRounds([plan94, form], []).map((r) => r.id)).toEqual(['mau1', 'plan94']);
    expect(dueRounds([plan94, form], [{ period: plan94.period, status: 'ready' }]).map((r) => r.id)).toEqual(['mau1']);
    expect(dueRounds([plan94, form], [{ period: plan94.period, status: 'ready', form: { id: 'mau-1-hdcd', version: 1 } }]).map((r) => r.id)).toEqual(['plan94']);
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

describe('one period for the phone and its superior', () => {
  // 7 December 2026, 05:31 in Vietnam (22:31 on the 6th in UTC).
  const now = new Date('2026-12-06T22:31:00Z');
  const open2026 = round({ deadline: '2026-11-30' });

  it("proposes the superior's open round on the phone, though the rule of today says last year", () => {
    expect(proposedPeriod(now, [], [])).toEqual({ year: 2025, kind: 'yearly' });
    expect(proposedPeriod(now, [open2026], [])).toEqual({ year: 2026, kind: 'yearly' });
    // The superior's screens open on the same period.
    expect(reviewPeriod(now, [open2026], { year: 2025, kind: 'yearly' })).toEqual({ year: 2026, kind: 'yearly' });
  });

  it('passes over a round the device already holds a report of, and closed rounds', () => {
    const final = round({ id: 'final', period: { year: 2026, kind: 'final' }, deadline: '2026-12-20' });
    expect(proposedPeriod(now, [open2026, final], [{ year: 2026, kind: 'yearly' }])).toEqual({ year: 2026, kind: 'final' });
    const closed = round({ closedAt: '2026-12-01T01:00:00.000Z' });
    expect(proposedPeriod(now, [closed], [])).toEqual({ year: 2025, kind: 'yearly' });
    expect(openRoundPeriod([closed])).toBeNull();
  });

  it('takes the open round due first, the nearest superior’s for a period both opened', () => {
    const later = round({ id: 'later', period: { year: 2027, kind: 'interim' }, deadline: '2027-01-15' });
    expect(openRoundPeriod([later, open2026])).toEqual({ year: 2026, kind: 'yearly' });
    // The commune closed its 2026 round; the province's round of 2026 (farther) does not reopen it.
    const communeClosed = round({ id: 'commune', closedAt: '2026-12-01T01:00:00.000Z' });
    const province = round({ id: 'province', openedBy: { nodeId: 'p', name: 'LĐLĐ tỉnh Tây Ninh' } });
    expect(openRoundPeriod([communeClosed, province])).toBeNull();
  });

  it('opens the staff screens on the latest period with reports when no round is open, else on what a new phone proposes', () => {
    expect(reviewPeriod(now, [], { year: 2025, kind: 'final' })).toEqual({ year: 2025, kind: 'final' });
    expect(reviewPeriod(now, [round({ closedAt: '2026-12-01T01:00:00.000Z' })], null)).toEqual({ year: 2025, kind: 'yearly' });
  });
});

describe('a round reopened for one CĐCS, on 7 December 2026', () => {
  // 7 December 2026, 09:00 in Vietnam: the round was due 30 November and closed; one CĐCS was given until 20 December.
  const now = '2026-12-07T02:00:00.000Z';
  const nodeRound: NodeRound = {
    ...round({ closedAt: null, deadline: '2026-11-30' }),
    closedAt: '2026-12-01T01:00:00.000Z',
    reopenings: [
      { unionId: 'u-late', reopenedAt: '2026-12-05T03:00:00.000Z', deadline: '2026-12-20' },
      { unionId: 'u-same', reopenedAt: '2026-12-05T03:00:00.000Z', deadline: null },
    ],
  };

  it("holds the reopened CĐCS to its own date: 13 days left, not 'Quá hạn 7 ngày'", () => {
    expect(unionDeadline(nodeRound, 'u-late')).toEqual({ deadline: '2026-12-20', reopened: true });
    const asTheUnionSees = roundForUnion(nodeRound, 'u-late');
    expect(asTheUnionSees).toMatchObject({ closedAt: null, deadline: '2026-12-20', reopenedAt: '2026-12-05T03:00:00.000Z' });
    expect(deadlineStanding(nodeRound.period, asTheUnionSees, now)).toMatchObject({ deadline: '2026-12-20', daysLeft: 13, closedAt: null });
  });

  it("holds every other CĐCS to the round's date, and one reopened without a date of its own too", () => {
    expect(unionDeadline(nodeRound, 'u-other')).toEqual({ deadline: '2026-11-30', reopened: false });
    expect(deadlineStanding(nodeRound.period, roundForUnion(nodeRound, 'u-other'), now)).toMatchObject({ daysLeft: -7 });
    expect(roundForUnion(nodeRound, 'u-other').reopenedAt).toBeNull();
    expect(unionDeadline(nodeRound, 'u-same')).toEqual({ deadline: '2026-11-30', reopened: true });
    // An open round has no reopenings that count.
    expect(unionDeadline({ ...nodeRound, closedAt: null }, 'u-late')).toEqual({ deadline: '2026-11-30', reopened: false });
  });

  it('never proposes a deadline already past: two weeks from today once 30 November is near or gone', () => {
    expect(suggestedRound({ year: 2026, kind: 'yearly' }, now).deadline).toBe('2026-12-21');
    expect(suggestedRound({ year: 2026, kind: 'yearly' }, '2026-06-01T02:00:00.000Z').deadline).toBe('2026-11-30');
    expect(suggestedRound({ year: 2027, kind: 'yearly' }, now)).toEqual({ activities: { from: '2027-01-01', to: '2027-12-31' }, deadline: '2027-11-30' });
    // Today is not past; yesterday is, in Vietnam's days (23:30 on the 6th UTC is the 7th there).
    expect(isPastDeadline('2026-12-07', '2026-12-06T23:30:00.000Z')).toBe(false);
    expect(isPastDeadline('2026-12-06', '2026-12-06T23:30:00.000Z')).toBe(true);
  });
});

describe("a period's rounds of several forms (the staff screens' form choice)", () => {
  const commune = round({ id: 'commune-plan94' });
  const communeStatistics = round({ id: 'commune-mau1', form: { id: 'mau-1-hdcd', version: 1 } });
  const provincePlan94 = round({ id: 'province-plan94', openedBy: { nodeId: 'root', name: 'LĐLĐ tỉnh' } });
  const provinceStatistics = round({ id: 'province-mau1', form: { id: 'mau-1-hdcd', version: 1 } });
  const otherYear = round({ id: 'commune-2025', period: { year: 2025, kind: 'yearly' }, form: { id: 'bieu-tinh', version: 2 } });
  // Nearest first, as the server lists them.
  const rounds = [commune, communeStatistics, otherYear, provincePlan94, provinceStatistics];

  it('keeps the nearest round of each form of the period, nearest first', () => {
    expect(periodRoundsByForm(rounds, { year: 2026, kind: 'yearly' }).map((each) => each.id)).toEqual(['commune-plan94', 'commune-mau1']);
    expect(periodRoundsByForm(rounds, { year: 2025, kind: 'yearly' }).map((each) => each.id)).toEqual(['commune-2025']);
    expect(periodRoundsByForm(rounds, { year: 2024, kind: 'yearly' })).toEqual([]);
  });

  it('gives the chosen form its round, and the nearest round when the choice is none or not among them', () => {
    const period = periodRoundsByForm(rounds, { year: 2026, kind: 'yearly' });
    expect(chosenPeriodRound(period, 'mau-1-hdcd')?.id).toBe('commune-mau1');
    expect(chosenPeriodRound(period, 'ke-hoach-94')?.id).toBe('commune-plan94');
    expect(chosenPeriodRound(period, null)?.id).toBe('commune-plan94');
    expect(chosenPeriodRound(period, 'bieu-tinh')?.id).toBe('commune-plan94');
    expect(chosenPeriodRound([], 'mau-1-hdcd')).toBeNull();
  });
});
