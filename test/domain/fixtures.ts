import { emptyReport, type DialogueSession, type ReportDocument } from '../../src/domain/report';

export const REPORT_ID = '4c0e3a43-6a0e-4d55-8b8e-0f3c2b7d9a11';

/** A 2024 yearly report with the figures every rule needs filled in and consistent. */
export function validReport(overrides: (report: ReportDocument) => void = () => {}): ReportDocument {
  const report = emptyReport(REPORT_ID, { year: 2024, kind: 'yearly' }, '2024-03-01T08:00:00.000Z');
  report.membership.workers = 1234;
  report.membership.members = 1053;
  report.membership.femaleMembers = 600;
  report.membership.newMembers = 40;
  overrides(report);
  return report;
}

export function session(overrides: Partial<DialogueSession> = {}): DialogueSession {
  return {
    id: 's1',
    date: '2024-05-01',
    kind: 'workplace',
    ledBy: 'Giám đốc công ty',
    participants: 45,
    recommendationsRaised: 6,
    recommendationsResolved: 4,
    notes: '',
    ...overrides,
  };
}
