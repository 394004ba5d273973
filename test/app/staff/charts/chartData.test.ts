import { describe, expect, it } from 'vitest';
import { DIALOGUE_KINDS, type DialogueKindCounts } from '../../../../src/domain/report';
import { columnBars, daySeconds, formYearPoints, heartYearPoint, rateBars, receiptSpan, receivedPerDay, timeTickLabels, yearSeries } from '../../../../src/app/staff/charts/chartData';
import { union } from '../fixtures';

describe('what the staff charts draw', () => {
  it('sorts the reported rates lowest first and marks those under 80 %', () => {
    const lines = [
      union({ name: 'CĐCS A', standing: 'sent', workers: 100, members: 95 }),
      union({ name: 'CĐCS B', standing: 'returned', workers: 100, members: 70 }),
      union({ name: 'CĐCS C', standing: 'missing' }),
      union({ name: 'CĐCS D', standing: 'draft', workers: 100, members: 10 }),
      union({ name: 'CĐCS E', standing: 'accepted', workers: 1000, members: 800 }),
    ];
    expect(rateBars(lines).map((bar) => [bar.name, bar.rate, bar.underTarget])).toEqual([
      ['CĐCS B', 0.7, true],
      ['CĐCS E', 0.8, false],
      ['CĐCS A', 0.95, false],
    ]);
  });

  const utcDay = (instant: string) => instant.slice(0, 10);
  const sent = (instant: string) => {
    const line = union({ name: `CĐCS ${instant}`, standing: 'sent', workers: 10, members: 9 });
    line.report!.savedAt = instant;
    return line;
  };

  it('counts reports received per day across the span, the days between at zero and the days to come unknown', () => {
    const lines = [sent('2025-11-20T03:00:00.000Z'), sent('2025-11-20T09:00:00.000Z'), sent('2025-11-22T03:00:00.000Z'), union({ name: 'x', standing: 'missing' }), union({ name: 'y', standing: 'draft', workers: 1, members: 1 })];
    const series = receivedPerDay(lines, { span: { from: '2025-11-19', to: '2025-11-25' }, today: '2025-11-23', dayOf: utcDay });
    expect(series).toEqual([
      { day: '2025-11-19', received: 0, total: 0 },
      { day: '2025-11-20', received: 2, total: 2 },
      { day: '2025-11-21', received: 0, total: 2 },
      { day: '2025-11-22', received: 1, total: 3 },
      { day: '2025-11-23', received: 0, total: 3 },
      { day: '2025-11-24', received: null, total: null },
      { day: '2025-11-25', received: null, total: null },
    ]);
    expect(receivedPerDay([], { span: { from: '2025-11-19', to: '2025-11-25' }, today: '2025-11-23', dayOf: utcDay })).toEqual([]);
  });

  it('widens the span to a report received before it opened or after its deadline, and takes the day of the caller’s calendar', () => {
    const lines = [sent('2025-11-17T20:00:00.000Z'), sent('2025-12-02T03:00:00.000Z')];
    // 20:00 UTC on the 17th is already the 18th in Vietnam (UTC+7).
    const vietnam = (instant: string) => new Date(Date.parse(instant) + 7 * 3_600_000).toISOString().slice(0, 10);
    const series = receivedPerDay(lines, { span: { from: '2025-11-20', to: '2025-11-30' }, today: '2025-11-25', dayOf: vietnam });
    expect(series[0]).toEqual({ day: '2025-11-18', received: 1, total: 1 });
    expect(series.at(-1)).toEqual({ day: '2025-12-02', received: 1, total: 2 });
    // Known up to the last receipt, though after "today": what came in is drawn.
    expect(series.filter((day) => day.received == null)).toEqual([]);
    expect(series).toHaveLength(15);
  });

  it('spans the round from the day it was opened to its deadline, or the period without a round', () => {
    expect(receiptSpan({ year: 2025, kind: 'yearly' }, { openedAt: '2025-10-01T02:00:00.000Z', deadline: '2025-11-30' }, utcDay)).toEqual({ from: '2025-10-01', to: '2025-11-30' });
    // Opened after its deadline, to collect late reports: still forward.
    expect(receiptSpan({ year: 2025, kind: 'yearly' }, { openedAt: '2025-12-05T02:00:00.000Z', deadline: '2025-11-30' }, utcDay)).toEqual({ from: '2025-11-30', to: '2025-12-05' });
    expect(receiptSpan({ year: 2025, kind: 'yearly' }, null, utcDay)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(receiptSpan({ year: 2023, kind: 'interim' }, null, utcDay)).toEqual({ from: '2021-01-01', to: '2023-12-31' });
  });

  it('writes the time axis in Vietnamese: days as dd/mm, months as "thg", the year under the first tick of each year', () => {
    const at = (y: number, m: number, d: number) => new Date(y, m - 1, d);
    const month = (n: number) => `thg ${n}`;
    expect(timeTickLabels([at(2025, 12, 29), at(2025, 12, 31), at(2026, 1, 2)], false, month)).toEqual(['29/12\n2025', '31/12', '02/01\n2026']);
    expect(timeTickLabels([at(2025, 11, 1), at(2025, 12, 1), at(2026, 1, 1)], true, month)).toEqual(['thg 11\n2025', 'thg 12', 'thg 1\n2026']);
    expect(daySeconds('2025-12-07')).toBe(at(2025, 12, 7).getTime() / 1000);
  });

  it('puts the years in order, a year without a report as a gap (null), not as 0', () => {
    const summary = (rate: number | null, members: number, reported = 1) => ({
      unions: 1, reported, notReported: 0, accepted: 0, returned: 0, workers: 100, members, unionizationRate: rate, meetingTarget: 0, dialogueSessions: 0,
      dialogueSessionsByKind: Object.fromEntries(DIALOGUE_KINDS.map((kind) => [kind, 0])) as DialogueKindCounts,
    });
    const years = yearSeries([{ year: 2025, summary: summary(0.82, 82) }, { year: 2023, summary: summary(null, 0, 0) }, { year: 2024, summary: summary(0.78, 78) }]);
    expect(years.map((p) => [p.year, p.rate, p.members, p.workers])).toEqual([
      [2023, null, null, null],
      [2024, 0.78, 78, 100],
      [2025, 0.82, 82, 100],
    ]);
  });

  it("orders a form column's bars highest first, ties by name, and leaves out the CĐCS without the figure", () => {
    const line = (name: string, value: number | null) => ({ name, values: { TONG_LD: value } });
    expect(columnBars([line('CĐCS Ă', 80), line('CĐCS B', null), line('CĐCS Â', 120), line('CĐCS A', 80)], 'TONG_LD').map((each) => each.name)).toEqual([
      'CĐCS Â',
      'CĐCS A',
      'CĐCS Ă',
    ]);
  });

  it("reads a form's years from each year's roll-up at the node, a year without a report a gap and not 0", () => {
    const rollup = (reported: number, values: Record<string, number | null>) => ({
      columns: [{ reported }, { reported: 0 }],
      rows: Object.entries(values).map(([code, value]) => ({ code, values: [{ value }, { value: null }] })),
    });
    const points = formYearPoints(
      ['TONG_LD', 'TY_LE_DV'],
      [
        { year: 2025, rollup: rollup(2, { TONG_LD: 200, TY_LE_DV: 0.8 }) },
        { year: 2023, rollup: null },
        { year: 2024, rollup: rollup(0, { TONG_LD: null, TY_LE_DV: null }) },
        { year: 2022, rollup: rollup(1, { TONG_LD: 90 }) },
      ],
    );
    expect(points).toEqual([
      { year: 2022, reported: 1, values: [90, null] },
      { year: 2023, reported: 0, values: [null, null] },
      { year: 2024, reported: 0, values: [null, null] },
      { year: 2025, reported: 2, values: [200, 0.8] },
    ]);
  });

  it("reads a heart form's year from its table's totals, a year without a report a gap", () => {
    expect(heartYearPoint(2025, { reported: 2, workers: 200, members: 160, unionizationRate: 0.8 })).toEqual({ year: 2025, rate: 0.8, members: 160, workers: 200, reported: 2 });
    expect(heartYearPoint(2024, { reported: 0, workers: 0, members: 0, unionizationRate: null })).toEqual({ year: 2024, rate: null, members: null, workers: null, reported: 0 });
  });
});
