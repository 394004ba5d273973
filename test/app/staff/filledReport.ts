/**
 * A report filled in every section, each figure a distinct value, and its overview line as the server
 * sends it with `scope=subtree` (every figure of the document): the exports must carry each one.
 */
import { emptyReport, type DialogueSession, type ReportDocument } from '../../../src/domain/report';
import { MEMBERSHIP_FIGURE_FIELDS, reportFigures, SECTION_FIGURE_FIELDS, YES_NO_FIGURE_FIELDS, type DocumentFigureField } from '../../../src/domain/reportFigures';
import type { UnionOverview } from '../../../src/domain/staff';
import { union } from './fixtures';

export const FILLED_FIELDS: readonly DocumentFigureField[] = [...MEMBERSHIP_FIGURE_FIELDS, ...SECTION_FIGURE_FIELDS];

/** Each count field's value: workers 5000, members 4100, then 299, 298, … in the form's order (each below the one before, so the form's rules hold: resolved ≤ received, admitted ≤ introduced). */
export function filledValue(path: DocumentFigureField): number {
  if (path === 'membership.workers') return 5000;
  if (path === 'membership.members') return 4100;
  return 300 - FILLED_FIELDS.indexOf(path);
}

function session(id: string, kind: DialogueSession['kind'], participants: number, raised: number, resolved: number): DialogueSession {
  return { id, date: '2025-06-10', kind, ledBy: 'Giám đốc', participants, recommendationsRaised: raised, recommendationsResolved: resolved, notes: '' };
}

export function filledReport(): ReportDocument {
  const report = emptyReport('5b0f0a52-6a36-4d8c-9d2e-0b6f6d1f2a01', { year: 2025, kind: 'yearly' }, '2025-11-20T08:00:00.000Z');
  report.status = 'ready';
  const sections = report as unknown as Record<string, Record<string, unknown>>;
  for (const path of FILLED_FIELDS) {
    const [section, field] = path.split('.') as [string, string];
    sections[section]![field] = YES_NO_FIGURE_FIELDS.includes(path) ? true : filledValue(path);
  }
  report.grassrootsDemocracy.workersConferenceDate = '2025-03-15';
  report.dialogues = [
    session('d1', 'workplace', 61, 7, 5),
    session('d2', 'workplace', 62, 8, 6),
    session('d3', 'districtCommittee', 63, 9, 4),
    session('d4', 'partyGovernmentLeaders', 64, 10, 3),
    session('d5', 'workersConference', 65, 11, 2),
    session('d6', 'workersConference', 66, 12, 1),
    session('d7', 'other', 67, 13, 0),
  ];
  return report;
}

/** The expected dialogue figures of filledReport(). */
export const FILLED_DIALOGUES = {
  sessions: 7,
  byKind: { workplace: 2, districtCommittee: 1, partyGovernmentLeaders: 1, workersConference: 2, other: 1 },
  participants: 61 + 62 + 63 + 64 + 65 + 66 + 67,
  recommendationsRaised: 7 + 8 + 9 + 10 + 11 + 12 + 13,
  recommendationsResolved: 5 + 6 + 4 + 3 + 2 + 1,
};

/** The filled report's line, under a commune, as a province's `scope=subtree` overview sends it. */
export function filledLine(): UnionOverview {
  const document = filledReport();
  const line = union({
    name: 'CĐCS Công ty Điện tử Trảng Bàng',
    code: '0042',
    standing: 'sent',
    workers: 5000,
    members: 4100,
    dialogueSessions: FILLED_DIALOGUES.sessions,
    dialogueSessionsByKind: FILLED_DIALOGUES.byKind,
  });
  return { ...line, superiorId: 'commune-1', superiorName: 'Công đoàn phường An Tịnh', report: { ...line.report!, figures: reportFigures(document) } };
}
