import { describe, expect, it } from 'vitest';
import { deadlineStandingOf, lineDeadline, pageOf, tableLines, type TableQuery } from '../../../../src/app/staff/table/periodTable';
import { foldForSearch, matchesSearch, searchWords } from '../../../../src/app/staff/table/search';
import { union } from '../fixtures';

const base: TableQuery = { search: '', filter: 'all', sort: { column: 'name', direction: 'asc' }, deadline: null, now: '2025-11-25T03:00:00Z' };

const lines = [
  union({ name: 'CĐCS Công ty May Tây Ninh', code: 'TN-10', standing: 'sent', workers: 1200, members: 900, dialogueSessions: 4 }),
  union({ name: 'CĐCS Trường Mầm non Hoa Sen', code: 'TN-2', standing: 'missing' }),
  union({ name: 'CĐCS Đồng Phú', code: 'TN-3', standing: 'accepted', workers: 100, members: 95, dialogueSessions: 1 }),
  union({ name: 'CĐCS Ấn Độ Dương', code: null, standing: 'returned', workers: 50, members: 45, dialogueSessions: 2 }),
  union({ name: 'CĐCS Dệt Dương Minh Châu', code: 'TN-1', standing: 'draft', workers: 300, members: 100 }),
];
const names = (rows: { name: string }[]) => rows.map((row) => row.name.replace('CĐCS ', ''));

describe('searching the period table', () => {
  it('finds a name typed without diacritics, in any case and word order', () => {
    expect(foldForSearch('  CĐCS   Công ty May Tây Ninh ')).toBe('cdcs cong ty may tay ninh');
    expect(names(tableLines(lines, { ...base, search: 'may tay ninh' }))).toEqual(['Công ty May Tây Ninh']);
    expect(names(tableLines(lines, { ...base, search: 'NINH tay' }))).toEqual(['Công ty May Tây Ninh']);
    expect(names(tableLines(lines, { ...base, search: 'dong phu' }))).toEqual(['Đồng Phú']);
    expect(names(tableLines(lines, { ...base, search: 'tn-3' }))).toEqual(['Đồng Phú']);
    expect(matchesSearch(searchWords(''), ['anything'])).toBe(true);
    expect(tableLines(lines, { ...base, search: 'cao su' })).toEqual([]);
  });
});

describe('filtering the period table', () => {
  it('keeps the unions under 80 %, not reported, returned or accepted', () => {
    expect(names(tableLines(lines, { ...base, filter: 'underTarget' }))).toEqual(['Công ty May Tây Ninh', 'Dệt Dương Minh Châu']);
    expect(names(tableLines(lines, { ...base, filter: 'notReported' }))).toEqual(['Dệt Dương Minh Châu', 'Trường Mầm non Hoa Sen']);
    expect(names(tableLines(lines, { ...base, filter: 'returned' }))).toEqual(['Ấn Độ Dương']);
    expect(names(tableLines(lines, { ...base, filter: 'accepted' }))).toEqual(['Đồng Phú']);
  });
});

describe('sorting the period table', () => {
  it('orders names as Vietnamese does ("Ấ" with "A", "Đ" after "D") and codes by their number', () => {
    expect(names(tableLines(lines, base))).toEqual(['Ấn Độ Dương', 'Công ty May Tây Ninh', 'Dệt Dương Minh Châu', 'Đồng Phú', 'Trường Mầm non Hoa Sen']);
    expect(tableLines(lines, { ...base, sort: { column: 'code', direction: 'asc' } }).map((l) => l.code)).toEqual(['TN-1', 'TN-2', 'TN-3', 'TN-10', null]);
  });

  it('sorts every figure column either way, with empty figures last', () => {
    expect(names(tableLines(lines, { ...base, sort: { column: 'rate', direction: 'desc' } }))).toEqual([
      'Đồng Phú',
      'Ấn Độ Dương',
      'Công ty May Tây Ninh',
      'Dệt Dương Minh Châu',
      'Trường Mầm non Hoa Sen',
    ]);
    expect(names(tableLines(lines, { ...base, sort: { column: 'workers', direction: 'asc' } })).at(-1)).toBe('Trường Mầm non Hoa Sen');
    expect(names(tableLines(lines, { ...base, sort: { column: 'dialogues', direction: 'desc' } })).slice(0, 2)).toEqual(['Công ty May Tây Ninh', 'Ấn Độ Dương']);
    expect(names(tableLines(lines, { ...base, sort: { column: 'standing', direction: 'asc' } }))[0]).toBe('Ấn Độ Dương');
  });

  it('sorts by the deadline standing: overdue first, then due, then sent late, then on time', () => {
    const query: TableQuery = { ...base, deadline: '2025-11-15', sort: { column: 'deadline', direction: 'asc' } };
    expect(deadlineStandingOf(lines[1]!, '2025-11-15', base.now)).toEqual({ kind: 'overdue', daysOverdue: 10 });
    expect(deadlineStandingOf(lines[0]!, '2025-11-15', base.now)).toEqual({ kind: 'sentLate', daysLate: 5 });
    expect(deadlineStandingOf(lines[0]!, '2025-11-30', base.now)).toEqual({ kind: 'sentOnTime' });
    expect(names(tableLines(lines, query)).slice(0, 2).sort()).toEqual(['Dệt Dương Minh Châu', 'Trường Mầm non Hoa Sen']);
  });

  it("counts one deadline's days past in Vietnam's days: a report sent this morning and one not sent read the same", () => {
    // 05:31 on 7 December in Vietnam is 22:31 on 6 December in UTC; the staff member looks at 07:29 there.
    const now = '2026-12-07T00:29:00Z';
    const sent = union({ name: 'CĐCS Công ty May Tây Ninh', standing: 'sent' });
    sent.report!.savedAt = '2026-12-06T22:31:00.000Z';
    const silent = union({ name: 'CĐCS Trường Mầm non Hoa Sen', standing: 'missing' });
    expect(deadlineStandingOf(sent, '2026-11-30', now)).toEqual({ kind: 'sentLate', daysLate: 7 });
    expect(deadlineStandingOf(silent, '2026-11-30', now)).toEqual({ kind: 'overdue', daysOverdue: 7 });
    // Sent at 23:59 on the deadline in Vietnam (16:59 UTC) is on time; a minute past midnight there is a day late.
    sent.report!.savedAt = '2026-11-30T16:59:00.000Z';
    expect(deadlineStandingOf(sent, '2026-11-30', now)).toEqual({ kind: 'sentOnTime' });
    sent.report!.savedAt = '2026-11-30T17:01:00.000Z';
    expect(deadlineStandingOf(sent, '2026-11-30', now)).toEqual({ kind: 'sentLate', daysLate: 1 });
    // Due today in Vietnam though it is still the day before in UTC.
    expect(deadlineStandingOf(silent, '2026-12-07', '2026-12-06T18:00:00Z')).toEqual({ kind: 'due', daysLeft: 0 });
  });
});

describe('paging the period table', () => {
  it('shows 6,000 lines a page at a time, the page clamped to those there are', () => {
    const many = Array.from({ length: 6_000 }, (_, i) => union({ name: `CĐCS Công ty số ${i + 1}`, standing: 'missing' }));
    const sorted = tableLines(many, base);
    expect(sorted[0]!.name).toBe('CĐCS Công ty số 1');
    expect(sorted[1]!.name).toBe('CĐCS Công ty số 2');
    const third = pageOf(sorted, 2, 100);
    expect({ first: third.first, last: third.last, pages: third.pages, total: third.total, rows: third.rows.length }).toEqual({
      first: 201,
      last: 300,
      pages: 60,
      total: 6_000,
      rows: 100,
    });
    expect(pageOf(sorted, 99, 100).page).toBe(59);
    expect(pageOf([], 0, 100)).toMatchObject({ page: 0, pages: 1, first: 0, last: 0 });
  });
});

describe('a CĐCS the closed round was reopened for', () => {
  it("stands against its own date (13 days left on 7 December), the others against the round's", () => {
    const now = '2026-12-07T02:00:00.000Z';
    const [late, silent] = [union({ name: 'CĐCS Công ty May Tây Ninh', standing: 'missing' }), union({ name: 'CĐCS Đồng Phú', standing: 'missing' })];
    const round = {
      deadline: '2026-11-30',
      closedAt: '2026-12-01T01:00:00.000Z',
      reopenings: [{ unionId: late!.id, reopenedAt: '2026-12-05T03:00:00.000Z', deadline: '2026-12-20' }],
    };
    const query: TableQuery = { ...base, now, deadline: round.deadline, round, sort: { column: 'deadline', direction: 'asc' } };
    expect(lineDeadline(late!, query)).toEqual({ deadline: '2026-12-20', reopened: true });
    expect(lineDeadline(silent!, query)).toEqual({ deadline: '2026-11-30', reopened: false });
    expect(deadlineStandingOf(late!, lineDeadline(late!, query)!.deadline, now)).toEqual({ kind: 'due', daysLeft: 13 });
    // Overdue first: the one still held to 30 November.
    expect(tableLines([late!, silent!], query).map((line) => line.name)).toEqual(['CĐCS Đồng Phú', 'CĐCS Công ty May Tây Ninh']);
  });
});
