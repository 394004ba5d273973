import { describe, expect, it } from 'vitest';
import { DIALOGUE_KINDS, type DialogueKindCounts } from '../../../src/domain/report';
import { rateBars, receivedPerDay, yearSeries } from '../../../src/app/staff/charts/chartData';
import { union } from './fixtures';

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

  it('counts reports received per day up to the deadline, with the days between at zero', () => {
    const sent = (day: string) => {
      const line = union({ name: `CĐCS ${day}`, standing: 'sent', workers: 10, members: 9 });
      line.report!.savedAt = `${day}T03:00:00.000Z`;
      return line;
    };
    const series = receivedPerDay([sent('2025-11-20'), sent('2025-11-20'), sent('2025-11-22'), union({ name: 'x', standing: 'missing' })], '2025-11-24');
    expect(series).toEqual([
      { day: '2025-11-20', received: 2, total: 2 },
      { day: '2025-11-21', received: 0, total: 2 },
      { day: '2025-11-22', received: 1, total: 3 },
      { day: '2025-11-23', received: 0, total: 3 },
      { day: '2025-11-24', received: 0, total: 3 },
    ]);
    expect(receivedPerDay([], '2025-11-24')).toEqual([]);
  });

  it('puts the years in order', () => {
    const summary = (rate: number | null, members: number) => ({
      unions: 1, reported: 1, notReported: 0, accepted: 0, returned: 0, workers: 100, members, unionizationRate: rate, meetingTarget: 0, dialogueSessions: 0,
      dialogueSessionsByKind: Object.fromEntries(DIALOGUE_KINDS.map((kind) => [kind, 0])) as DialogueKindCounts,
    });
    expect(yearSeries([{ year: 2025, summary: summary(0.82, 82) }, { year: 2024, summary: summary(0.78, 78) }]).map((p) => [p.year, p.rate, p.members])).toEqual([
      [2024, 0.78, 78],
      [2025, 0.82, 82],
    ]);
  });
});
