/** A report and a profile as a real CĐCS would fill them, for the printed document's tests. */
import { emptyReport, type DialogueSession, type ReportDocument, type UnionProfile } from '../../../src/domain/report';

export const FILLED_REPORT_ID = '7d4f0c52-9a3b-4c1e-8f2a-5b6c7d8e9f01';
export const MANY_SESSIONS_REPORT_ID = '2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

export function fullProfile(overrides: Partial<UnionProfile> = {}): UnionProfile {
  return {
    unionName: 'Công đoàn cơ sở Công ty TNHH May Tây Ninh',
    employer: 'Công ty TNHH May Tây Ninh',
    sector: 'private',
    district: 'Dương Minh Châu',
    superiorName: 'Công đoàn các Khu công nghiệp tỉnh Tây Ninh',
    shortName: 'CĐCS',
    placeName: 'Tây Ninh',
    signerName: 'Nguyễn Thị Hồng Nhung',
    signerTitle: 'Chủ tịch',
    recipients: 'Ban Thường vụ Đảng ủy Công ty;\nBan Giám đốc Công ty',
    ...overrides,
  };
}

export function session(index: number, overrides: Partial<DialogueSession> = {}): DialogueSession {
  const month = String((index % 12) + 1).padStart(2, '0');
  const day = String((index % 28) + 1).padStart(2, '0');
  return {
    id: `session-${index + 1}`,
    date: `2025-${month}-${day}`,
    kind: index % 3 === 0 ? 'workplace' : index % 3 === 1 ? 'partyGovernmentLeaders' : 'workersConference',
    ledBy: `Chủ trì ${index + 1}`,
    participants: 40 + index,
    recommendationsRaised: 5,
    recommendationsResolved: 3,
    notes: '',
    ...overrides,
  };
}

/** The 2025 yearly report with every part filled in. */
export function filledReport(overrides: (report: ReportDocument) => void = () => {}): ReportDocument {
  const report = emptyReport(FILLED_REPORT_ID, { year: 2025, kind: 'yearly' }, '2025-11-20T08:00:00.000Z');
  report.status = 'ready';
  report.membership = {
    workers: 1234,
    members: 1053,
    femaleMembers: 612,
    newMembers: 87,
    membersLeft: 45,
    membersInOtherOrganisations: 12,
  };
  report.dialogues = [
    session(0, { date: '2025-03-14', kind: 'workplace', ledBy: 'Giám đốc Công ty', participants: 1150, recommendationsRaised: 9, recommendationsResolved: 7 }),
    session(1, { date: '2025-08-22', kind: 'districtCommittee', ledBy: 'Phó Chủ tịch UBND huyện', participants: 60, recommendationsRaised: 4, recommendationsResolved: 4 }),
  ];
  report.dissemination = { sessions: 6, attendance: 2350 };
  report.studyAndFollow = { activities: 4, commendations: 15, notes: 'Xây dựng mô hình "Tổ may học và làm theo Bác".' };
  report.officerTraining = { officersTrained: 9 };
  report.partyDevelopment = { introduced: 5, admitted: 3 };
  report.inspection = { inspections: 2, supervisions: 3, antiCorruptionSessions: 1, complaintsReceived: 2, complaintsResolved: 2 };
  report.grassrootsDemocracy = { workersConferenceHeld: true, workersConferenceDate: '2025-01-18' };
  report.administrativeReform = { notes: 'Ứng dụng phần mềm quản lý đoàn viên; gửi báo cáo qua ứng dụng.' };
  report.proposals = { text: 'Đề nghị Công đoàn cấp trên hỗ trợ kinh phí tổ chức Tết Sum vầy năm 2026.' };
  report.explanations = { memberChange: '', partyAdmission: '' };
  report.issuance = { number: '5', date: '2025-12-05' };
  overrides(report);
  return report;
}

/** A report with `count` dialogue sessions: the table runs over several pages. */
export function reportWithSessions(count: number): ReportDocument {
  return filledReport((report) => {
    report.id = MANY_SESSIONS_REPORT_ID;
    report.period = { year: 2024, kind: 'yearly' };
    report.issuance = { number: '12', date: '2024-12-02' };
    report.dialogues = Array.from({ length: count }, (_, index) => ({ ...session(index), date: session(index).date.replace('2025', '2024') }));
  });
}
